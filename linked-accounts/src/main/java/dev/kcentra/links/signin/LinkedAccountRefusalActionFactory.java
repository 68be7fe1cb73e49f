package dev.kcentra.links.signin;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

public class LinkedAccountRefusalActionFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = "kcentra-linked-account-refused";

    private static final LinkedAccountRefusalAction SINGLETON = new LinkedAccountRefusalAction();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayText() {
        return "Linked accounts: refuse linked accounts";
    }

    /** Never an app's action, so Keycloak's "maximum age of authentication" setting means nothing here. */
    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return List.of();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
