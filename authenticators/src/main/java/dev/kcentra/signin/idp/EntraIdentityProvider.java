package dev.kcentra.signin.idp;

import dev.kcentra.sync.SyncedUserAttributes;
import dev.kcentra.signin.outage.EntraAvailability;
import dev.kcentra.signin.outage.MicrosoftUnavailablePage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.OAuth2Constants;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
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

    private final EntraAvailability availability;
    /** Set once the token endpoint answered and its tokens were read: a later failure is not an outage. */
    private boolean tokensRead;

    public EntraIdentityProvider(KeycloakSession session, EntraIdentityProviderConfig config, EntraAvailability availability) {
        super(session, config);
        this.availability = availability;
    }

    @Override
    public Object callback(RealmModel realm, AuthenticationCallback callback, EventBuilder event) {
        return new EntraCallbackEndpoint(callback, realm, event, this);
    }

    @Override
    public EntraIdentityProviderConfig getConfig() {
        return (EntraIdentityProviderConfig) super.getConfig();
    }

    /** The key is set after Keycloak's own checks, which compare the identity with the ID token's {@code sub}. */
    @Override
    public BrokeredIdentityContext getFederatedIdentity(String response) {
        BrokeredIdentityContext identity = super.getFederatedIdentity(response);
        tokensRead = true;
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

    /**
     * Keycloak's callback, plus Microsoft's outage: when the code could not be exchanged (the token endpoint or its
     * keys failing or timing out) and Microsoft does not answer when asked again, the user gets the themed outage
     * page instead of Keycloak's generic error, and admins an event saying so.
     */
    protected static class EntraCallbackEndpoint extends OIDCEndpoint {

        private final EntraIdentityProvider entra;

        EntraCallbackEndpoint(AuthenticationCallback callback, RealmModel realm, EventBuilder event, EntraIdentityProvider entra) {
            super(callback, realm, event, entra);
            this.entra = entra;
        }

        @GET
        @Override
        public Response authResponse(@QueryParam(OAUTH2_PARAMETER_STATE) String state,
                                     @QueryParam(OAUTH2_PARAMETER_CODE) String authorizationCode,
                                     @QueryParam(OAuth2Constants.ERROR) String error,
                                     @QueryParam(OAuth2Constants.ERROR_DESCRIPTION) String errorDescription) {
            Response response = super.authResponse(state, authorizationCode, error, errorDescription);
            boolean exchangeFailed = authorizationCode != null && error == null && !entra.tokensRead && response.getStatus() >= 500;
            if (!exchangeFailed || session.getContext().getAuthenticationSession() == null) {
                return response;
            }
            EntraIdentityProviderConfig config = entra.getConfig();
            if (entra.availability.answersNow(config.getTokenUrl(), config.getJwksUrl())) {
                return response;
            }
            LoginFormsProvider form = session.getProvider(LoginFormsProvider.class)
                    .setAuthenticationSession(session.getContext().getAuthenticationSession());
            return MicrosoftUnavailablePage.show(form, event.clone().event(EventType.IDENTITY_PROVIDER_LOGIN), realm, config.getAlias());
        }
    }
}
