package dev.kcentra.signin.idp;

import dev.kcentra.sync.SyncedUserAttributes;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.JsonWebToken;

import java.util.Objects;

/**
 * Keycloak's OIDC broker, keyed the way Microsoft says to key users: by tenant id and object id. Entra's {@code sub}
 * is pairwise per application and its email is mutable, so neither may identify an account. Tokens of tenants the
 * account type does not admit are refused; {@code tid} and {@code oid} are kept on the user for relying apps.
 */
public class EntraIdentityProvider extends OIDCIdentityProvider {

    public EntraIdentityProvider(KeycloakSession session, EntraIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    public EntraIdentityProviderConfig getConfig() {
        return (EntraIdentityProviderConfig) super.getConfig();
    }

    /** The key is set after Keycloak's own checks, which compare the identity with the ID token's {@code sub}. */
    @Override
    public BrokeredIdentityContext getFederatedIdentity(String response) {
        BrokeredIdentityContext identity = super.getFederatedIdentity(response);
        Object idToken = identity.getContextData().get(VALIDATED_ID_TOKEN);
        if (!(idToken instanceof JsonWebToken token)) {
            throw new IdentityBrokerException("Entra did not return an ID token");
        }
        EntraUserKey key = EntraUserKey.fromClaims(token.getOtherClaims());
        EntraTenantCheck.of(getConfig()).verify(token.getIssuer(), key);
        identity.setId(key.value());
        return identity;
    }

    @Override
    protected UriBuilder createAuthorizationUrl(AuthenticationRequest request) {
        UriBuilder uri = super.createAuthorizationUrl(request);
        String domainHint = getConfig().getDomainHint();
        return domainHint == null ? uri : uri.queryParam("domain_hint", domainHint);
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, BrokeredIdentityContext context) {
        super.importNewUser(session, realm, user, context);
        keepEntraIds(user, context);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, BrokeredIdentityContext context) {
        super.updateBrokeredUser(session, realm, user, context);
        keepEntraIds(user, context);
    }

    private static void keepEntraIds(UserModel user, BrokeredIdentityContext context) {
        String[] key = context.getId().split(":", 2);
        setIfDifferent(user, SyncedUserAttributes.TENANT_ID, key[0]);
        setIfDifferent(user, SyncedUserAttributes.OBJECT_ID, key[1]);
    }

    private static void setIfDifferent(UserModel user, String name, String value) {
        if (!Objects.equals(user.getFirstAttribute(name), value)) {
            user.setSingleAttribute(name, value);
        }
    }
}
