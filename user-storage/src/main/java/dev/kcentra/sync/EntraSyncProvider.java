package dev.kcentra.sync;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.storage.UserStorageProvider;

/**
 * The per-session side of an Entra connection. Synced users are imported into Keycloak's own store, so lookups and
 * credentials are Keycloak's; the work happens in {@link EntraSyncProviderFactory}'s sync methods.
 */
public class EntraSyncProvider implements UserStorageProvider {

    private final KeycloakSession session;
    private final ComponentModel model;

    public EntraSyncProvider(KeycloakSession session, ComponentModel model) {
        this.session = session;
        this.model = model;
    }

    public ComponentModel model() {
        return model;
    }

    @Override
    public void close() {
        // Nothing is held per session.
    }
}
