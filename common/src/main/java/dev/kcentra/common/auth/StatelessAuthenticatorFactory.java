package dev.kcentra.common.auth;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * The factory of an authenticator without settings and without state, so one instance serves every flow: subclasses
 * give the id, the admin console's name and help text; the rest is the same for all of them.
 */
public abstract class StatelessAuthenticatorFactory implements AuthenticatorFactory {

    private final Authenticator authenticator;
    private final Requirement[] requirements;

    protected StatelessAuthenticatorFactory(Authenticator authenticator, Requirement... requirements) {
        this.authenticator = authenticator;
        this.requirements = requirements;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return requirements.clone();
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
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
