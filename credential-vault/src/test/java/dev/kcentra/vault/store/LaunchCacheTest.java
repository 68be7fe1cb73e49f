package dev.kcentra.vault.store;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchCacheTest {

    private static LaunchApp app(String id, String username) {
        return new LaunchApp(id, "App", "https://app.example/login", "form", "user", "pass", null, null, false, Set.of("g1"),
                new SealedCredential("c-" + username, "realm", username, 1, "kek", "wrapped", "cipher"), Set.of());
    }

    @Test
    void anAppIsReadOnceUntilItsRealmChanges() {
        String realm = "realm-" + System.nanoTime();
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            LaunchCache.get(realm, "a", id -> {
                reads.incrementAndGet();
                return Optional.of(app(id, "v1"));
            });
        }
        assertEquals(1, reads.get());
        LaunchCache.drop(realm);
        assertEquals("v2", LaunchCache.get(realm, "a", id -> {
            reads.incrementAndGet();
            return Optional.of(app(id, "v2"));
        }).orElseThrow().shared().username());
        assertEquals(2, reads.get());
    }

    @Test
    void anotherRealmsChangeKeepsThisRealmsEntries() {
        String realm = "realm-" + System.nanoTime();
        LaunchCache.get(realm, "a", id -> Optional.of(app(id, "v1")));
        LaunchCache.drop("other-" + realm);
        assertEquals("v1", LaunchCache.get(realm, "a", id -> Optional.of(app(id, "v2"))).orElseThrow().shared().username());
    }

    @Test
    void anUnknownAppIsNotRemembered() {
        String realm = "realm-" + System.nanoTime();
        assertTrue(LaunchCache.get(realm, "a", id -> Optional.empty()).isEmpty());
        assertEquals("created", LaunchCache.get(realm, "a", id -> Optional.of(app(id, "created"))).orElseThrow().shared().username());
    }

    /** A read that began before a change committed must not be what later launches get. */
    @Test
    void aReadOverlappingAChangeIsNotKeptPastIt() throws Exception {
        String realm = "realm-" + System.nanoTime();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch changed = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<LaunchApp>> slow = pool.submit(() -> LaunchCache.get(realm, "a", id -> {
                reading.countDown();
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Optional.of(app(id, "before the change"));
            }));
            reading.await();
            LaunchCache.drop(realm);
            changed.countDown();
            assertEquals("before the change", slow.get().orElseThrow().shared().username(), "the overlapping read answers its own request");
            assertEquals("after the change", LaunchCache.get(realm, "a", id -> Optional.of(app(id, "after the change"))).orElseThrow()
                    .shared().username(), "but the next launch reads again");
        } finally {
            pool.shutdownNow();
        }
    }
}
