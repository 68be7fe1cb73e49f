package dev.kcentra.sync.graph;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.sun.net.httpserver.HttpServer;
import dev.kcentra.common.net.OutboundAddressGuard;
import dev.kcentra.sync.ClientAuthentication;
import dev.kcentra.sync.EntraCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A custom authority or Graph URL on the server's own networks gets no request without the server option, and an
 * answer's body is not repeated in the error the admin reads.
 */
class OutboundGuardOfGraphTest {

    private static final String INTERNAL_BODY = "internal-service-page-with-secrets";

    private final AtomicInteger received = new AtomicInteger();
    private HttpServer internal;
    private String base;

    @BeforeEach
    void start() throws Exception {
        internal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        internal.createContext("/", exchange -> {
            received.incrementAndGet();
            byte[] body = INTERNAL_BODY.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        internal.start();
        base = "http://127.0.0.1:" + internal.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        internal.stop(0);
    }

    @Test
    void theTokenEndpointOfACustomAuthorityOnLoopbackGetsNoRequest() {
        GraphAccessException refused = assertThrows(GraphAccessException.class,
                () -> tokens(OutboundAddressGuard.refusingPrivate()).getAuthorizationToken(URI.create("https://graph.example/v1.0/users"), Map.of()));
        assertTrue(refused.getMessage().contains(OutboundAddressGuard.OPTION), refused.getMessage());
        assertEquals(0, received.get());
    }

    @Test
    void aRefusingTokenEndpointsBodyIsNotRepeated() {
        GraphAccessException refused = assertThrows(GraphAccessException.class, () -> tokens(new OutboundAddressGuard(true, InetAddress::getAllByName))
                .getAuthorizationToken(URI.create("https://graph.example/v1.0/users"), Map.of()));
        assertEquals(1, received.get());
        assertTrue(refused.getMessage().contains("HTTP 403"), refused.getMessage());
        assertFalse(refused.getMessage().contains(INTERNAL_BODY), refused.getMessage());
    }

    @Test
    void aCustomGraphUrlOnLoopbackGetsNoRequest() {
        GraphServiceClient graph = EntraGraph.client(base, new FixedToken(), new GraphTraffic(), OutboundAddressGuard.refusingPrivate());
        GraphAccessException refused = assertThrows(GraphAccessException.class, () -> GraphCalls.call(() -> graph.organization().get()));
        assertTrue(refused.getMessage().contains(OutboundAddressGuard.OPTION), refused.getMessage());
        assertEquals(0, received.get());
    }

    @Test
    void aNameResolvingInwardIsRefusedAtResolution() {
        OutboundAddressGuard guard = new OutboundAddressGuard(false, host -> host.equals("graph.rebind.example")
                ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})} : InetAddress.getAllByName(host));
        GraphServiceClient graph = EntraGraph.client("http://graph.rebind.example:" + internal.getAddress().getPort(), new FixedToken(),
                new GraphTraffic(), guard);
        assertThrows(GraphAccessException.class, () -> GraphCalls.call(() -> graph.organization().get()));
        assertEquals(0, received.get());
    }

    private ClientCredentialsTokenProvider tokens(OutboundAddressGuard guard) {
        return new ClientCredentialsTokenProvider(base + "/tenant/oauth2/v2.0/token", "app", ClientAuthentication.SECRET, "secret", null,
                EntraCloud.CUSTOM.graphScope(), "graph.example", Clock.systemUTC(), guard);
    }

    private static final class FixedToken implements AccessTokenProvider {
        @Override
        public String getAuthorizationToken(URI uri, Map<String, Object> context) {
            return "token";
        }

        @Override
        public AllowedHostsValidator getAllowedHostsValidator() {
            return new AllowedHostsValidator();
        }
    }
}
