package dev.kcentra.links.store;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The links table (Liquibase changelog and JPA entity). A removed user or realm takes its links with it. */
public class LinksEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "kcentra-links";

    private static final LinksEntityProvider SINGLETON = new LinksEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new LinkStore(removed.getKeycloakSession(), removed.getRealm()).removeRealm();
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                new LinkStore(removed.getKeycloakSession(), removed.getRealm()).removeAccount(LinkedAccount.of(removed.getUser()));
            }
        });
    }

    @Override
    public void close() {
    }
}
