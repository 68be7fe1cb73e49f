package dev.kcentra.signin.outage;

import com.sun.net.httpserver.HttpServer;
import dev.kcentra.common.net.OutboundAddressGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntraAvailabilityTest {

    /** The fake Microsoft listens on loopback, as the tests' server option allows. */
    private static final OutboundAddressGuard LOCAL = new OutboundAddressGuard(true, java.net.InetAddress::getAllByName);

    private final AtomicInteger status = new AtomicInteger(400);
    private final AtomicInteger delayMillis = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final MutableClock clock = new MutableClock();
    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try {
                Thread.sleep(delayMillis.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/tenant/oauth2/v2.0/authorize";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private EntraAvailability availability(Duration cacheFor) {
        return new EntraAvailability(Duration.ofMillis(500), cacheFor, clock, () -> LOCAL);
    }

    @Test
    void anyAnswerBelow500CountsAsAvailable() {
        assertTrue(availability(Duration.ZERO).answers(url), "Microsoft answers a bare authorize request with 400");
        status.set(200);
        assertTrue(availability(Duration.ZERO).answers(url));
    }

    @Test
    void serverErrorsTimeoutsAndRefusedConnectionsDoNot() {
        status.set(503);
        assertFalse(availability(Duration.ZERO).answers(url));
        status.set(200);
        delayMillis.set(2000);
        assertFalse(availability(Duration.ZERO).answers(url), "slower than the timeout");
        server.stop(0);
        assertFalse(availability(Duration.ZERO).answers(url), "nothing listening");
        assertFalse(availability(Duration.ZERO).answers("not a url"));
    }

    @Test
    void answersAreKeptForTheCachePeriodOnly() {
        EntraAvailability availability = availability(Duration.ofSeconds(15));
        assertTrue(availability.answers(url));
        status.set(503);
        assertTrue(availability.answers(url), "still the cached answer");
        assertEquals(1, requests.get());
        clock.advance(Duration.ofSeconds(16));
        assertFalse(availability.answers(url), "asked again after the period");
        assertEquals(2, requests.get());
        assertFalse(availability.answersNow(url, null) , "asking now ignores the cache");
        assertEquals(3, requests.get());
    }

    @Test
    void anEndpointOnTheServersOwnNetworksIsNotAskedWithoutTheServerOption() {
        EntraAvailability refusing = new EntraAvailability(Duration.ofMillis(500), Duration.ZERO, clock, OutboundAddressGuard::refusingPrivate);
        assertFalse(refusing.answers(url));
        assertFalse(refusing.answersNow(url, url));
        assertEquals(0, requests.get());
    }

    @Test
    void blankUrlsAreSkipped() {
        status.set(503);
        assertTrue(availability(Duration.ZERO).answers(null, " "));
        assertEquals(0, requests.get());
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
