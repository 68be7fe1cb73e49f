package dev.kcentra.signin.idp;

import java.io.IOException;

import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.representations.JsonWebToken;

/**
 * Keycloak's OIDC broker, keyed the way Microsoft says to key users: by tenant id and object id. Entra's {@code sub}
 * is pairwise per application and its email is mutable, so neither may identify an account.
 */
public class EntraIdentityProvider extends OIDCIdentityProvider {

    public EntraIdentityProvider(KeycloakSession session, OIDCIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    protected BrokeredIdentityContext extractIdentity(AccessTokenResponse tokenResponse, String accessToken,
                                                      JsonWebToken idToken) throws IOException {
        BrokeredIdentityContext identity = super.extractIdentity(tokenResponse, accessToken, idToken);
        identity.setId(EntraUserKey.fromClaims(idToken.getOtherClaims()).value());
        return identity;
    }
}
