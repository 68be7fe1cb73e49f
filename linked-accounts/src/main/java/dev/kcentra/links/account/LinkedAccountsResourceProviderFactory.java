package dev.kcentra.links.account;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * {@code /realms/{realm}/kcentra-links}: the users' "Linked accounts" page. Every realm gets what the page and the
 * "Link an account" action need ({@link RealmSetup}), new realms when they are created, existing ones at start-up.
 */
public class LinkedAccountsResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String PROVIDER_ID = "kcentra-links";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new LinkedAccountsResourceProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                RealmSetup.ensure(created.getCreatedRealm());
            } else if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream()
                        .forEach(RealmSetup::ensure));
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
