package dev.kcentra.links.factor;

import org.keycloak.Config;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

public class LinkedAuthenticationConditionFactory implements ConditionalAuthenticatorFactory {

    public static final String PROVIDER_ID = "kcentra-linked-auth-allowed";
    static final String NEGATE = "negate";

    private static final LinkedAuthenticationCondition SINGLETON = new LinkedAuthenticationCondition();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition - linked account allows authentication";
    }

    @Override
    public String getHelpText() {
        return "The subflow runs if the user has a linked account with 'Allow Authentication' on (negated: if not).";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[] {Requirement.REQUIRED, Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(NEGATE).label("Negate output").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Run the subflow when the user has no linked account that allows authentication.").add()
                .build();
    }

    @Override
    public ConditionalAuthenticator getSingleton() {
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
