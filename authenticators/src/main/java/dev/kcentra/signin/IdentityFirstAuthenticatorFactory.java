package dev.kcentra.signin;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

public class IdentityFirstAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "kcentra-identity-first";

    private static final IdentityFirstAuthenticator SINGLETON = new IdentityFirstAuthenticator();


    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Identity-first (Entra SSO or password)";
    }

    @Override
    public String getHelpText() {
        return "Asks for an identifier, then sends Entra SSO users to Microsoft and everyone else to a password page.";
    }

    @Override
    public String getReferenceCategory() {
        return "password";
    }

    /** Only the phone region: who goes to Microsoft is set on the realm's Entra ID connection (User federation). */
    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return IdentityFirstConfig.PROPERTIES;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
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
