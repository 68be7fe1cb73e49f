package dev.kcentra.standin;

import dev.kcentra.standin.fault.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Throttling, outages, resync demands and slowness, planned through the Java API or the control API. */
class FaultInjectionTest {

    private static final String DELTA_PATH = "/v1\\.0/users/delta.*";

    private EntraStandIn standIn;
    private String token;

    @BeforeEach
    void start() {
        standIn = TestFixtures.start();
        token = TestFixtures.graphTokenByCertificate(standIn);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void throttlingCarriesRetryAfterAndEndsAfterTheGivenCount() {
        standIn.faults().add(Fault.throttled(DELTA_PATH, 7, 2));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> throttled = delta();
            assertEquals(429, throttled.statusCode());
            assertEquals("7", throttled.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("TooManyRequests", TestHttp.json(throttled).getAsJsonObject("error").get("code").getAsString());
        }
        assertEquals(200, delta().statusCode());
    }

    @Test
    void outageAndGoneUseGraphsCodes() {
        standIn.faults().add(Fault.unavailable(DELTA_PATH, 1, 1));
        standIn.faults().add(Fault.gone(DELTA_PATH, 1));
        HttpResponse<String> unavailable = delta();
        assertEquals(503, unavailable.statusCode());
        assertEquals("1", unavailable.headers().firstValue("Retry-After").orElseThrow());
        HttpResponse<String> gone = delta();
        assertEquals(410, gone.statusCode());
        assertEquals("resyncRequired", TestHttp.json(gone).getAsJsonObject("error").get("code").getAsString());
        assertEquals(200, delta().statusCode());
    }

    @Test
    void slowResponsesAreDelayedButCorrect() {
        standIn.faults().add(Fault.slow(DELTA_PATH, 1500, 1));
        long started = System.nanoTime();
        HttpResponse<String> slow = delta();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, slow.statusCode());
        assertTrue(tookMillis >= 1400, "the response waited for the planned delay, took " + tookMillis + " ms");
    }

    @Test
    void faultsFromTheControlApiAndFromTheSeedFile() {
        HttpResponse<String> added = TestHttp.send("POST", standIn.graphBaseUrl() + "/_standin/faults",
                "{\"path\": \"/v1\\\\.0/users/delta.*\", \"status\": 503, \"retryAfterSeconds\": 2, \"times\": 1}");
        assertEquals(201, added.statusCode(), added.body());
        assertTrue(TestHttp.send("GET", standIn.graphBaseUrl() + "/_standin/faults", null).body().contains("users/delta"));
        assertEquals(503, delta().statusCode());
        assertEquals(200, delta().statusCode());

        assertEquals(201, TestHttp.send("POST", standIn.graphBaseUrl() + "/_standin/faults",
                "{\"path\": \".*\", \"status\": 429, \"times\": 0}").statusCode());
        assertEquals(429, delta().statusCode());
        assertEquals(429, delta().statusCode(), "times 0 lasts until cleared");
        assertEquals(200, TestHttp.send("DELETE", standIn.graphBaseUrl() + "/_standin/faults", null).statusCode());
        assertEquals(200, delta().statusCode());

        HttpResponse<String> bad = TestHttp.send("POST", standIn.graphBaseUrl() + "/_standin/faults", "{\"path\": \"(\", \"status\": 503}");
        assertEquals(400, bad.statusCode());
    }

    @Test
    void seededFaultsApplyFromTheStart() throws Exception {
        String seed = TestFixtures.resource("test-seed.json").replace("\"faults\": []",
                "\"faults\": [{\"path\": \"/v1\\\\.0/users/delta.*\", \"status\": 429, \"retryAfterSeconds\": 3}]");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("faulty-seed", ".json");
        java.nio.file.Files.writeString(file, seed);
        try (EntraStandIn faulty = EntraStandIn.start(new StandInOptions(file, 0, 0))) {
            String faultyToken = TestFixtures.graphTokenByCertificate(faulty);
            HttpResponse<String> first = TestHttp.get(faulty.graphBaseUrl() + "/v1.0/users/delta", "Authorization", "Bearer " + faultyToken);
            assertEquals(429, first.statusCode());
            assertEquals("3", first.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(200, TestHttp.get(faulty.graphBaseUrl() + "/v1.0/users/delta", "Authorization", "Bearer " + faultyToken).statusCode());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    private HttpResponse<String> delta() {
        return TestHttp.get(standIn.graphBaseUrl() + "/v1.0/users/delta", "Authorization", "Bearer " + token);
    }
}
