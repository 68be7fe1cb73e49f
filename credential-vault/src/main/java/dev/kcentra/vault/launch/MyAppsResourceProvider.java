package dev.kcentra.vault.launch;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

public class MyAppsResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final int launchTokenSeconds;

    MyAppsResourceProvider(KeycloakSession session, int launchTokenSeconds) {
        this.session = session;
        this.launchTokenSeconds = launchTokenSeconds;
    }

    @Override
    public Object getResource() {
        return new MyAppsResource(session, launchTokenSeconds);
    }

    @Override
    public void close() {
    }
}
