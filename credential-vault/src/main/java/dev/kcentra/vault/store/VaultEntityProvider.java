package dev.kcentra.vault.store;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

import java.util.List;

public class VaultEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(PasswordAppEntity.class, SharedCredentialEntity.class, VaultAssignmentEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/kcentra-vault-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return VaultEntityProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
