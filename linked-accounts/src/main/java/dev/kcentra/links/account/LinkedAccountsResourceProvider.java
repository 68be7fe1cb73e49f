package dev.kcentra.links.account;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

public class LinkedAccountsResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    LinkedAccountsResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new LinkedAccountsResource(session);
    }

    @Override
    public void close() {
    }
}
