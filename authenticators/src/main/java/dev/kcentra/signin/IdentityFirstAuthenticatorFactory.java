package dev.kcentra.signin;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public class IdentityFirstAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "kcentra-identity-first";

    private static final IdentityFirstAuthenticator SINGLETON = new IdentityFirstAuthenticator();

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property()
            .name(IdentityFirstConfig.ENTRA_IDP_ALIAS)
            .label("Entra identity provider")
            .helpText("Alias of the realm's Microsoft Entra ID identity provider. Users linked to it sign in at Microsoft.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(IdentityFirstConfig.DEFAULT_ENTRA_IDP_ALIAS)
            .add()
            .build();

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
        return CONFIG;
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
