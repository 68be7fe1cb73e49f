package dev.kcentra.sync;

import org.keycloak.storage.UserStorageProvider;

/**
 * The per-session side of an Entra connection. Synced users are imported into Keycloak's own store, so lookups and
 * credentials are Keycloak's; the work happens in {@link EntraSyncProviderFactory}'s sync methods, and nothing is
 * held per session.
 */
public class EntraSyncProvider implements UserStorageProvider {

    @Override
    public void close() {
        // Nothing to release.
    }
}
