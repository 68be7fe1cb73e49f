package dev.kcentra.vault.rotation;

import com.sun.net.httpserver.HttpServer;
import dev.kcentra.common.net.OutboundAddressGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the webhook rotator may send the current password: the app's own origin, outside the server's networks. */
class WebhookRotatorTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final AtomicInteger received = new AtomicInteger();
    private HttpServer endpoint;
    private String base;

    @BeforeEach
    void start() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/change-password", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        endpoint.start();
        base = "http://127.0.0.1:" + endpoint.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
    }

    @Test
    void withTheGuardsDefaultALoopbackWebhookGetsNothing() {
        PasswordRotator.Outcome outcome = rotator(false, OutboundAddressGuard.refusingPrivate()).change(change(base + "/login", base + "/change-password"));
        assertFalse(outcome.confirmed());
        assertTrue(outcome.message().contains("--spi-kcentra-outbound--allow-private-addresses"), outcome.message());
        assertEquals(0, received.get(), "no request was sent");
    }

    @Test
    void aWebhookOnAnotherOriginGetsNothingUnlessAllowed() {
        String otherOrigin = "http://localhost:" + endpoint.getAddress().getPort() + "/change-password";
        OutboundAddressGuard allowingLocal = new OutboundAddressGuard(true, InetAddress::getAllByName);
        PasswordRotator.Outcome refused = rotator(false, allowingLocal).change(change(base + "/login", otherOrigin));
        assertFalse(refused.confirmed());
        assertTrue(refused.message().contains("own origin http://127.0.0.1:" + endpoint.getAddress().getPort()), refused.message());
        assertEquals(0, received.get());

        assertTrue(rotator(true, allowingLocal).change(change(base + "/login", otherOrigin)).confirmed());
        assertTrue(rotator(false, allowingLocal).change(change(base + "/login", base + "/change-password")).confirmed());
        assertEquals(2, received.get());
    }

    @Test
    void theOriginIsSchemeHostAndPort() {
        assertNull(WebhookRotator.originProblem("https://app.example/api/pw", "https://APP.example:443/login"));
        assertTrue(WebhookRotator.originProblem("http://app.example/api/pw", "https://app.example/login") != null);
        assertTrue(WebhookRotator.originProblem("https://app.example:8443/api/pw", "https://app.example/login") != null);
        assertTrue(WebhookRotator.originProblem("https://evil.example/api/pw", "https://app.example/login") != null);
        assertTrue(WebhookRotator.originProblem("https://app.example.evil.example/x", "https://app.example/login") != null);
    }

    private static WebhookRotator rotator(boolean allowOtherOrigins, OutboundAddressGuard guard) {
        return new WebhookRotator(HTTP, Duration.ofSeconds(5), allowOtherOrigins, guard);
    }

    private static PasswordRotator.Change change(String loginUrl, String webhookUrl) {
        RotationPolicy policy = new RotationPolicy(null, "webhook", 32, true, true, true, false, 5,
                new RotationPolicy.Webhook(webhookUrl, "POST", "username", "currentPassword", "newPassword"));
        return new PasswordRotator.Change("App", loginUrl, "svc", "Current-Secret-1", "Next-Secret-2", policy, "webhook-secret-0123456789");
    }
}
