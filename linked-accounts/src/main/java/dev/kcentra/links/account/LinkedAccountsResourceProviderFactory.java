package dev.kcentra.links.account;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.util.List;

/**
 * {@code /realms/{realm}/kcentra-links}: the users' "Linked accounts" page. Every realm gets what the page and the
 * "Link an account" action need ({@link RealmSetup}), new realms when they are created, existing ones at start-up.
 */
public class LinkedAccountsResourceProviderFactory implements RealmResourceProviderFactory {

    private static final Logger LOG = Logger.getLogger(LinkedAccountsResourceProviderFactory.class);

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
                List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                        session -> session.realms().getRealmsStream().map(RealmModel::getId).toList());
                for (String realmId : realmIds) {
                    ensure(factory, realmId);
                }
            }
        });
    }

    /** One transaction per realm: on a cluster starting at once, another node may add the same client first. */
    private static void ensure(KeycloakSessionFactory factory, String realmId) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm != null) {
                    RealmSetup.ensure(realm);
                }
            });
        } catch (RuntimeException e) {
            LOG.debugf("Linked accounts set-up of realm %s left to another node: %s", realmId, e.getMessage());
        }
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
