package dev.kcentra.links.store;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

import java.util.List;

public class LinksEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(AccountLinkEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/kcentra-links-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return LinksEntityProviderFactory.PROVIDER_ID;
    }

    @Override
    public void close() {
    }
}
