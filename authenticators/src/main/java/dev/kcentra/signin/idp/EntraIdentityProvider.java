package dev.kcentra.signin.idp;

import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.JsonWebToken;

/**
 * Keycloak's OIDC broker, keyed the way Microsoft says to key users: by tenant id and object id. Entra's {@code sub}
 * is pairwise per application and its email is mutable, so neither may identify an account.
 */
public class EntraIdentityProvider extends OIDCIdentityProvider {

    public EntraIdentityProvider(KeycloakSession session, OIDCIdentityProviderConfig config) {
        super(session, config);
    }

    /** The key is set after Keycloak's own checks, which compare the identity with the ID token's {@code sub}. */
    @Override
    public BrokeredIdentityContext getFederatedIdentity(String response) {
        BrokeredIdentityContext identity = super.getFederatedIdentity(response);
        Object idToken = identity.getContextData().get(VALIDATED_ID_TOKEN);
        if (!(idToken instanceof JsonWebToken token)) {
            throw new IdentityBrokerException("Entra did not return an ID token");
        }
        identity.setId(EntraUserKey.fromClaims(token.getOtherClaims()).value());
        return identity;
    }
}
