package dev.kcentra.signin.idp;

import dev.kcentra.common.net.OutboundAddressGuard;
import dev.kcentra.signin.outage.EntraAvailability;
import org.keycloak.broker.oidc.OIDCIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** "Microsoft Entra ID" identity provider type: Keycloak's OIDC settings, Entra's user key. */
public class EntraIdentityProviderFactory extends OIDCIdentityProviderFactory {

    public static final String PROVIDER_ID = "entra-id";

    /** Asked only after a failed code exchange, never cached: is it Microsoft that does not answer? */
    private final EntraAvailability availability = new EntraAvailability(Duration.ofSeconds(3), Duration.ZERO, Clock.systemUTC(),
            OutboundAddressGuard::server);

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "Microsoft Entra ID";
    }

    @Override
    public EntraIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new EntraIdentityProvider(session, new EntraIdentityProviderConfig(model), availability);
    }

    @Override
    public EntraIdentityProviderConfig createConfig() {
        return new EntraIdentityProviderConfig();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return EntraIdentityProviderConfig.PROPERTIES;
    }
}
