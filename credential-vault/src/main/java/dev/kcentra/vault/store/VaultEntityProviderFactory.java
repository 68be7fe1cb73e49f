package dev.kcentra.vault.store;

import jakarta.persistence.EntityManager;
import org.keycloak.Config;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The vault's tables (Liquibase changelog and JPA entities). A removed realm takes its vault rows with it, a removed
 * group its assignments, a removed user their own credentials.
 */
public class VaultEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String PROVIDER_ID = "kcentra-vault";

    private static final VaultEntityProvider SINGLETON = new VaultEntityProvider();

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
        try (KeycloakSession session = factory.create()) {
            LaunchCache.listen(session.getProvider(ClusterProvider.class));
        }
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                LaunchCache.dropAfterCommit(removed.getKeycloakSession(), removed.getRealm().getId());
                EntityManager em = em(removed.getKeycloakSession());
                String realmId = removed.getRealm().getId();
                em.createNamedQuery("kcentraVaultAssignmentsDeleteOfRealm").setParameter("realmId", realmId).executeUpdate();
                em.createNamedQuery("kcentraVaultCredentialsDeleteOfRealm").setParameter("realmId", realmId).executeUpdate();
                em.createNamedQuery("kcentraVaultAppsDeleteOfRealm").setParameter("realmId", realmId).executeUpdate();
            } else if (event instanceof GroupModel.GroupRemovedEvent removed) {
                LaunchCache.dropAfterCommit(removed.getKeycloakSession(), removed.getRealm().getId());
                em(removed.getKeycloakSession()).createNamedQuery("kcentraVaultAssignmentsDeleteOfGroup")
                        .setParameter("groupId", removed.getGroup().getId()).executeUpdate();
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                LaunchCache.dropAfterCommit(removed.getKeycloakSession(), removed.getRealm().getId());
                em(removed.getKeycloakSession()).createNamedQuery("kcentraVaultCredentialsDeleteOfOwner")
                        .setParameter("owner", removed.getUser().getId()).executeUpdate();
            }
        });
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @Override
    public void close() {
    }
}
