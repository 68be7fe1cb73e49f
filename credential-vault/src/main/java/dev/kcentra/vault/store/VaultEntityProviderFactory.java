package dev.kcentra.vault.store;

import jakarta.persistence.EntityManager;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/** The vault's tables (Liquibase changelog and JPA entities); a removed realm takes its vault rows with it. */
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
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                EntityManager em = removed.getKeycloakSession().getProvider(JpaConnectionProvider.class).getEntityManager();
                String realmId = removed.getRealm().getId();
                em.createNamedQuery("kcentraVaultCredentialsDeleteOfRealm").setParameter("realmId", realmId).executeUpdate();
                em.createNamedQuery("kcentraVaultAppsDeleteOfRealm").setParameter("realmId", realmId).executeUpdate();
            }
        });
    }

    @Override
    public void close() {
    }
}
