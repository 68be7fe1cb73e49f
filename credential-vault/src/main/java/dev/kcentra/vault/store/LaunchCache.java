package dev.kcentra.vault.store;

import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterEvent;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.keys.infinispan.PublicKeyStorageInvalidationEvent;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every node's copy of the apps that were launched lately ({@link LaunchApp}), so that a launch or a gateway fetch does
 * not read the database: each used to spend a quarter of its time there. Group membership is not kept here (it is
 * Keycloak's, read at every launch), and passwords stay sealed.
 * <p>
 * Any write to a realm's vault rows drops all of the realm's entries once its transaction has committed, on this node
 * at once and on the others through Keycloak's cluster notifications, as Keycloak's own caches are invalidated. An
 * entry loaded while a write was committing goes into the dropped generation, never into the next one. Entries also
 * expire after a minute, in case a node crashed between a commit and its notification.
 */
public final class LaunchCache {

    /** The cluster listener key; the event carries the realm id. */
    public static final String CLUSTER_KEY = "kcentra-vault-launch-cache";
    static final long MAX_AGE_MILLIS = 60_000;
    static final int MAX_APPS_PER_REALM = 10_000;

    private static final Logger LOG = Logger.getLogger(LaunchCache.class);
    private static final Map<String, Generation> REALMS = new ConcurrentHashMap<>();

    /** A realm's entries since its last change: replaced, never cleared, so a late load cannot land in the new one. */
    private static final class Generation {
        private final Map<String, Entry> apps = new ConcurrentHashMap<>();
    }

    private record Entry(LaunchApp app, long loadedAt) {
    }

    private LaunchCache() {
    }

    /** The app as cached, or as {@code loader} reads it (an unknown app is not cached). */
    static Optional<LaunchApp> get(String realmId, String appId, Function<String, Optional<LaunchApp>> loader) {
        Generation generation = REALMS.computeIfAbsent(realmId, id -> new Generation());
        long now = System.currentTimeMillis();
        Entry entry = generation.apps.get(appId);
        if (entry != null && now - entry.loadedAt() < MAX_AGE_MILLIS) {
            return Optional.of(entry.app());
        }
        Optional<LaunchApp> loaded = loader.apply(appId);
        if (loaded.isPresent()) {
            if (generation.apps.size() >= MAX_APPS_PER_REALM) {
                generation.apps.clear();
            }
            generation.apps.put(appId, new Entry(loaded.get(), now));
        }
        return loaded;
    }

    /** Drops the realm's entries on this node. */
    static void drop(String realmId) {
        REALMS.remove(realmId);
    }

    /**
     * The realm's vault rows are being written in this session's transaction: once it has committed, drop the realm's
     * entries here and tell the other nodes. Called by every write; registers once per session and realm.
     */
    static void dropAfterCommit(KeycloakSession session, String realmId) {
        String marker = CLUSTER_KEY + '.' + realmId;
        if (session.getAttribute(marker) != null) {
            return;
        }
        session.setAttribute(marker, Boolean.TRUE);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                drop(realmId);
                ClusterProvider cluster = session.getProvider(ClusterProvider.class);
                if (cluster != null) {
                    cluster.notify(CLUSTER_KEY, invalidation(realmId), true);
                }
            }

            @Override
            protected void rollbackImpl() {
                // Nothing was written; dropping costs one reload.
                drop(realmId);
            }
        });
    }

    /** Listens for other nodes' changes; called once at start. */
    public static void listen(ClusterProvider cluster) {
        cluster.registerListener(CLUSTER_KEY, event -> {
            if (event instanceof PublicKeyStorageInvalidationEvent invalidation) {
                LOG.debugf("Vault launch cache: realm %s changed on another node", invalidation.getCacheKey());
                drop(invalidation.getCacheKey());
            }
        });
    }

    /** Keycloak marshals only its own event types between nodes; this one carries one string, here a realm id. */
    private static ClusterEvent invalidation(String realmId) {
        return PublicKeyStorageInvalidationEvent.create(realmId);
    }
}
