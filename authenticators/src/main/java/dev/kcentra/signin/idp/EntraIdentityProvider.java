package dev.kcentra.signin.idp;

import dev.kcentra.sync.SyncedUserAttributes;
import dev.kcentra.sync.EntraSyncConfig;
import dev.kcentra.common.net.OutboundAddressGuard;
import dev.kcentra.sync.graph.AadErrorMessage;
import dev.kcentra.sync.graph.VerifiedDomains;
import dev.kcentra.sync.sso.SsoPolicy;
import dev.kcentra.signin.outage.EntraAvailability;
import dev.kcentra.signin.outage.MicrosoftUnavailablePage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keycloak's OIDC broker, keyed the way Microsoft says to key users: by tenant id and object id. Entra's {@code sub}
 * is pairwise per application and its email is mutable, so neither may identify an account. Tokens of tenants the
 * account type does not admit are refused; {@code tid} and {@code oid} are kept on the user for relying apps.
 */
public class EntraIdentityProvider extends OIDCIdentityProvider {

    private static final Logger LOG = Logger.getLogger(EntraIdentityProvider.class);
    private static final String AUTH_TIME = "auth_time";

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

    /**
     * Keycloak's request, made the way Microsoft documents its authorize endpoint: a guest gets neither their
     * {@code #EXT#} UPN as {@code login_hint} nor the resource tenant's {@code domain_hint} ({@link EntraGuest}), and a
     * client's {@code max_age} becomes {@code prompt=login} ({@link Reauthentication}).
     */
    @Override
    protected UriBuilder createAuthorizationUrl(AuthenticationRequest request) {
        UriBuilder uri = super.createAuthorizationUrl(request);
        AuthenticationSessionModel authSession = request.getAuthenticationSession();
        boolean guest = "true".equals(authSession.getAuthNote(EntraGuest.GUEST_NOTE))
                || EntraGuest.isGuestUpn(authSession.getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM));
        if (guest) {
            uri.replaceQueryParam(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        } else if (getConfig().getDomainHint() != null) {
            uri.queryParam("domain_hint", getConfig().getDomainHint());
        }
        String maxAge = authSession.getClientNote(OIDCLoginProtocol.MAX_AGE_PARAM);
        if (getConfig().isPassMaxAge() && maxAge != null) {
            uri.replaceQueryParam(OIDCLoginProtocol.MAX_AGE_PARAM);
            String prompt = Reauthentication.prompt(authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM), maxAge);
            if (prompt != null) {
                uri.replaceQueryParam(OIDCLoginProtocol.PROMPT_PARAM, prompt);
            }
        }
        return uri;
    }

    /**
     * Entra's ID tokens carry {@code auth_time} only as an optional claim. Without it, a sign-in sent with
     * {@code prompt=login} has just authenticated the user; Keycloak would read the absent claim as 1970 and refuse.
     */
    @Override
    protected boolean isAuthTimeExpired(JsonWebToken idToken, AuthenticationSessionModel authSession) {
        if (idToken.getOtherClaims().get(AUTH_TIME) == null) {
            boolean fails = Reauthentication.missingAuthTimeFails(authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM));
            LOG.debugf("Microsoft ID token without auth_time under max_age: %s", fails ? "refused (silent request)" : "accepted (prompt=login)");
            return fails;
        }
        return super.isAuthTimeExpired(idToken, authSession);
    }

    /** Verified only when Microsoft says the email's domain is verified ({@link EntraEmailTrust}), whatever "Trust email" says. */
    @Override
    protected void setEmailVerified(UserModel user, BrokeredIdentityContext context) {
        Object idToken = context.getContextData().get(VALIDATED_ID_TOKEN);
        Map<String, Object> claims = idToken instanceof JsonWebToken token ? token.getOtherClaims() : Map.of();
        boolean verified = EntraEmailTrust.verified(claims, user.getEmail(), () -> syncedTenantVerifiedDomains(claims));
        LOG.debugf("Email of %s from Microsoft %s", user.getUsername(), verified ? "verified" : "not verified");
        user.setEmailVerified(verified);
    }

    /** The verified domains of the token's tenant when the realm's Entra ID connection syncs it, else none. */
    private Set<String> syncedTenantVerifiedDomains(Map<String, Object> claims) {
        RealmModel realm = session.getContext().getRealm();
        Object tid = claims.get("tid");
        if (realm == null || !(tid instanceof String tenant)) {
            return Set.of();
        }
        return SsoPolicy.connectionOf(realm).map(connection -> {
            EntraSyncConfig config = EntraSyncConfig.from(connection);
            return tenant.equalsIgnoreCase(config.tenantId()) ? VerifiedDomains.of(session, connection.getId(), config) : Set.<String>of();
        }).orElse(Set.of());
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
            Response response = authorizationCode != null && error == null && state != null
                    ? exchange(state, authorizationCode)
                    : super.authResponse(state, authorizationCode, error, errorDescription);
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

        /**
         * Keycloak's code exchange, except that an error answer is logged and put in the event as Microsoft's AADSTS
         * message alone ({@link AadErrorMessage}), a refusal with a message code shows that message, and an identity
         * the realm's Entra ID connection did not sync is refused before first broker login ({@link SyncedUsersOnly}).
         */
        private Response exchange(String state, String authorizationCode) {
            try {
                AuthenticationSessionModel authSession = callback.getAndVerifyAuthenticationSession(state);
                session.getContext().setAuthenticationSession(authSession);
                String refused = SignInDestinations.refusal(OutboundAddressGuard.server(), entra.getConfig());
                if (refused != null) {
                    LOG.warnf("Identity provider %s: %s", entra.getConfig().getAlias(), refused);
                    return failure(Messages.IDENTITY_PROVIDER_UNEXPECTED_ERROR, refused);
                }
                SimpleHttpRequest request = generateTokenRequest(authorizationCode);
                String body;
                try (SimpleHttpResponse answer = request.asResponse()) {
                    int status = answer.getStatus();
                    body = answer.asString();
                    if (status < 200 || status >= 400) {
                        String message = AadErrorMessage.from(body);
                        LOG.warnf("Microsoft refused the code exchange of identity provider %s (HTTP %d): %s",
                                entra.getConfig().getAlias(), status, message);
                        LOG.debugf("Token endpoint %s answered: %s", request.getUrl(), body);
                        return failure(Messages.IDENTITY_PROVIDER_UNEXPECTED_ERROR, message);
                    }
                }
                BrokeredIdentityContext identity = entra.getFederatedIdentity(body);
                String[] key = identity.getId().split(":", 2);
                Optional<String> refusal = SyncedUsersOnly.refusal(session, realm, new EntraUserKey(key[0], key[1]));
                if (refusal.isPresent()) {
                    LOG.infof("Microsoft sign-in through identity provider %s refused: %s", entra.getConfig().getAlias(), refusal.get());
                    event.event(EventType.IDENTITY_PROVIDER_LOGIN).detail(Details.IDENTITY_PROVIDER, entra.getConfig().getAlias())
                            .detail(Details.IDENTITY_PROVIDER_USERNAME, identity.getUsername())
                            .detail(Details.REASON, refusal.get()).error(SyncedUsersOnly.ERROR);
                    return ErrorPage.error(session, authSession, Response.Status.FORBIDDEN, SyncedUsersOnly.MESSAGE);
                }
                if (Boolean.TRUE.equals(entra.getConfig().isStoreToken()) && identity.getToken() == null) {
                    identity.setToken(body);
                }
                identity.setIdp(entra);
                identity.setAuthenticationSession(authSession);
                return callback.authenticated(identity);
            } catch (WebApplicationException e) {
                return e.getResponse();
            } catch (IdentityBrokerException e) {
                LOG.warnf("Microsoft sign-in through identity provider %s refused: %s", entra.getConfig().getAlias(), e.getMessage());
                return failure(e.getMessageCode() != null ? e.getMessageCode() : Messages.IDENTITY_PROVIDER_UNEXPECTED_ERROR, e.getMessage());
            } catch (Exception e) {
                LOG.error("Failed to make identity provider oauth callback", e);
                return failure(Messages.IDENTITY_PROVIDER_UNEXPECTED_ERROR, e.getMessage());
            }
        }

        /** As Keycloak answers a failed broker callback (502, login theme error page), with the reason in the event. */
        private Response failure(String messageCode, String reason) {
            event.event(EventType.IDENTITY_PROVIDER_LOGIN).detail(Details.REASON, reason).error(Errors.IDENTITY_PROVIDER_LOGIN_FAILURE);
            return ErrorPage.error(session, null, Response.Status.BAD_GATEWAY, messageCode);
        }
    }
}
