package dev.kcentra.standin;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.kcentra.standin.TestFixtures.BROKER_APP;
import static dev.kcentra.standin.TestFixtures.SECRET;
import static dev.kcentra.standin.TestFixtures.SYNC_APP;
import static dev.kcentra.standin.TestFixtures.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client credentials as a daemon (the sync provider) uses them: by certificate assertion or by secret. */
class ClientCredentialsTest {

    private static final String GRAPH_DEFAULT = "https://graph.microsoft.com/.default";
    private static EntraStandIn standIn;

    @BeforeAll
    static void start() {
        standIn = TestFixtures.start();
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Test
    void certificateAssertionGetsAGraphTokenThatGraphAccepts() {
        String token = TestFixtures.graphTokenByCertificate(standIn);
        HttpResponse<String> users = TestHttp.get(standIn.graphBaseUrl() + "/v1.0/users", "Authorization", "Bearer " + token);
        assertEquals(200, users.statusCode(), users.body());
    }

    @Test
    void secretByBasicAuthenticationWorksToo() {
        String basic = Base64.getEncoder().encodeToString((TestFixtures.GROUPS_ONLY_APP + ":" + SECRET).getBytes());
        HttpResponse<String> response = TestHttp.postForm(endpoint(), Map.of("grant_type", "client_credentials", "scope", GRAPH_DEFAULT),
                "Authorization", "Basic " + basic);
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void assertionSignedByAnUnregisteredCertificateIsRefused() {
        String assertion = TestFixtures.clientAssertion(SYNC_APP, endpoint(), "other-cert.pem", "other-key.pem",
                Instant.now().plusSeconds(300), UUID.randomUUID().toString());
        assertInvalidClient(withAssertion(assertion), "AADSTS700027");
    }

    @Test
    void assertionWithTheRightThumbprintButAnotherKeyIsRefused() {
        String assertion = TestFixtures.clientAssertion(SYNC_APP, endpoint(), "app-cert.pem", "other-key.pem",
                Instant.now().plusSeconds(300), UUID.randomUUID().toString());
        assertInvalidClient(withAssertion(assertion), "invalid signature");
    }

    @Test
    void expiredReplayedOrMisaddressedAssertionsAreRefused() {
        String expired = TestFixtures.clientAssertion(SYNC_APP, endpoint(), "app-cert.pem", "app-key.pem",
                Instant.now().minusSeconds(3600), UUID.randomUUID().toString());
        assertInvalidClient(withAssertion(expired), "AADSTS700024");

        String once = TestFixtures.clientAssertion(SYNC_APP, endpoint());
        assertEquals(200, withAssertion(once).statusCode());
        assertInvalidClient(withAssertion(once), "already been used");

        String elsewhere = TestFixtures.clientAssertion(SYNC_APP, "https://login.microsoftonline.com/other/oauth2/v2.0/token");
        assertInvalidClient(withAssertion(elsewhere), "assertion audience");

        assertInvalidClient(withAssertion("not.a.jwt"), "AADSTS50027");
    }

    @Test
    void concurrentUseOfOneAssertionSucceedsExactlyOnce() throws Exception {
        String assertion = TestFixtures.clientAssertion(SYNC_APP, endpoint());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = pool.invokeAll(java.util.Collections.nCopies(8, () -> withAssertion(assertion).statusCode()));
            long ok = 0;
            for (Future<Integer> result : results) {
                ok += result.get() == 200 ? 1 : 0;
            }
            assertEquals(1, ok);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void wrongSecretAndMissingCredentialAreInvalidClient() {
        assertInvalidClient(TestHttp.postForm(endpoint(), Map.of("grant_type", "client_credentials", "client_id", BROKER_APP,
                "client_secret", "guess", "scope", GRAPH_DEFAULT)), "AADSTS7000215");
        assertInvalidClient(TestHttp.postForm(endpoint(), Map.of("grant_type", "client_credentials", "client_id", BROKER_APP,
                "scope", GRAPH_DEFAULT)), "AADSTS7000218");
    }

    @Test
    void clientCredentialsNeedATenantAndADefaultScope() {
        HttpResponse<String> common = TestHttp.postForm(standIn.urls().tokenEndpoint("common"), Map.of("grant_type", "client_credentials",
                "client_id", BROKER_APP, "client_secret", SECRET, "scope", GRAPH_DEFAULT));
        assertEquals(400, common.statusCode());
        HttpResponse<String> scope = TestHttp.postForm(endpoint(), Map.of("grant_type", "client_credentials",
                "client_id", BROKER_APP, "client_secret", SECRET, "scope", "User.Read.All"));
        assertEquals("invalid_scope", TestHttp.json(scope).get("error").getAsString());
    }

    @Test
    void unsupportedGrantAndRepeatedParametersAreRefused() {
        HttpResponse<String> password = TestHttp.postForm(endpoint(), Map.of("grant_type", "password", "client_id", BROKER_APP,
                "client_secret", SECRET));
        assertEquals("unsupported_grant_type", TestHttp.json(password).get("error").getAsString());
        HttpResponse<String> repeated = TestHttp.postEncoded(endpoint(),
                "grant_type=client_credentials&client_id=" + BROKER_APP + "&client_secret=s3cret&scope=a/.default&scope=" + GRAPH_DEFAULT);
        assertEquals(400, repeated.statusCode());
        assertTrue(repeated.body().contains("'scope' is repeated"), repeated.body());
    }

    private static HttpResponse<String> withAssertion(String assertion) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", SYNC_APP);
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion);
        form.put("scope", GRAPH_DEFAULT);
        return TestHttp.postForm(endpoint(), form);
    }

    private static void assertInvalidClient(HttpResponse<String> response, String expected) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("invalid_client", TestHttp.json(response).get("error").getAsString());
        assertTrue(response.body().contains(expected), () -> response.body() + " lacks " + expected);
    }

    private static String endpoint() {
        return standIn.urls().tokenEndpoint(TENANT);
    }
}
