package dev.kcentra.signin;

import dev.kcentra.common.net.OutboundAddressGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import dev.kcentra.signin.outage.EntraAvailability;

public class IdentityFirstAuthenticatorFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "kcentra-identity-first";

    /** Keycloak's category of password steps: brute-force detection counts failures of this category. */
    static final String REFERENCE_CATEGORY = "password";

    static final String PROBE_TIMEOUT_MILLIS = "probe-timeout-millis";
    static final String AVAILABILITY_CACHE_SECONDS = "availability-cache-seconds";

    private IdentityFirstAuthenticator authenticator;


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
        return REFERENCE_CATEGORY;
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
        return authenticator;
    }

    /**
     * Server options (not per flow): how long to wait for Microsoft before showing SSO users the outage page, and
     * how long an answer is trusted, e.g. {@code --spi-authenticator--kcentra-identity-first--probe-timeout-millis}.
     */
    @Override
    public void init(Config.Scope config) {
        Duration timeout = Duration.ofMillis(config.getLong(PROBE_TIMEOUT_MILLIS, 3000L));
        Duration cacheFor = Duration.ofSeconds(config.getLong(AVAILABILITY_CACHE_SECONDS, 15L));
        authenticator = new IdentityFirstAuthenticator(new EntraAvailability(timeout, cacheFor, Clock.systemUTC(), OutboundAddressGuard::server));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(PROBE_TIMEOUT_MILLIS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(3000)
                .helpText("Milliseconds to wait for Microsoft's sign-in endpoint before SSO users get the outage page.").add()
                .property().name(AVAILABILITY_CACHE_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(15)
                .helpText("Seconds an answer (or its absence) from Microsoft is trusted; 0 asks at every redirect.").add()
                .build();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
