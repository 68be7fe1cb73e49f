package dev.kcentra.signin;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import dev.kcentra.signin.idp.EntraGuest;
import dev.kcentra.signin.outage.EntraAvailability;
import dev.kcentra.signin.outage.MicrosoftUnavailablePage;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.ClientSessionCode;

import static org.keycloak.services.validation.Validation.FIELD_PASSWORD;

/**
 * Identity-first sign-in: one page asks for the identifier, then the user goes either to Microsoft (Entra SSO) or
 * to a password page. A password never authenticates a user whose route is Microsoft, whichever page posts it.
 */
public class IdentityFirstAuthenticator extends AbstractUsernameFormAuthenticator {

    private static final Logger LOG = Logger.getLogger(IdentityFirstAuthenticator.class);

    private final EntraAvailability availability;

    IdentityFirstAuthenticator(EntraAvailability availability) {
        this.availability = availability;
    }

    static final String IDENTIFIER_TEMPLATE = "kcentra-identifier.ftl";
    static final String PASSWORD_TEMPLATE = "kcentra-password.ftl";
    static final String FIELD_IDENTIFIER = AuthenticationManager.FORM_USERNAME;
    static final String MISSING_IDENTIFIER = "kcentraMissingIdentifierMessage";
    private static final String AUTHORIZATION_URL = "authorizationUrl";
    /** The discovery document's URL, where the admin console stored it when the provider was imported from it. */
    private static final String METADATA_URL = "metadataDescriptorUrl";

    /** A client's {@code login_hint} stands for the identifier page, unless the client asks for {@code prompt=login}. */
    @Override
    public void authenticate(AuthenticationFlowContext context) {
        var authSession = context.getAuthenticationSession();
        String loginHint = authSession.getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        String prompt = authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM);
        boolean promptLogin = prompt != null && Arrays.asList(prompt.split(" ")).contains(OIDCLoginProtocol.PROMPT_VALUE_LOGIN);
        if (loginHint != null && !loginHint.isBlank() && !promptLogin) {
            identifierStep(context, loginHint);
        } else {
            context.challenge(identifierPage(context, null));
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(FIELD_PASSWORD)) {
            passwordStep(context, form);
        } else {
            identifierStep(context, form.getFirst(FIELD_IDENTIFIER));
        }
    }

    private void identifierStep(AuthenticationFlowContext context, String rawIdentifier) {
        String identifier = rawIdentifier == null ? "" : rawIdentifier.trim();
        if (identifier.isEmpty()) {
            context.getEvent().error(Errors.USER_NOT_FOUND);
            context.forceChallenge(identifierPage(context, MISSING_IDENTIFIER));
            return;
        }
        context.getAuthenticationSession().setAuthNote(ATTEMPTED_USERNAME, identifier);
        context.getEvent().detail(Details.USERNAME, identifier);

        SignInRoute route = route(context, identifier);
        if (route instanceof SignInRoute.Microsoft microsoft) {
            redirectToMicrosoft(context, microsoft);
        } else if (route instanceof SignInRoute.MicrosoftUnavailable unavailable) {
            context.getEvent().detail(Details.REASON, "identity_provider_disabled_or_missing");
            context.forceChallenge(MicrosoftUnavailablePage.show(context.form(), context.getEvent(), context.getRealm(), unavailable.idpAlias()));
        } else {
            context.challenge(passwordPage(context.form()));
        }
    }

    private void passwordStep(AuthenticationFlowContext context, MultivaluedMap<String, String> form) {
        String identifier = context.getAuthenticationSession().getAuthNote(ATTEMPTED_USERNAME);
        String posted = form.getFirst(FIELD_IDENTIFIER);
        if (posted != null && !posted.isBlank()) {
            identifier = posted.trim();
            context.getAuthenticationSession().setAuthNote(ATTEMPTED_USERNAME, identifier);
        }
        if (identifier == null) {
            context.forceChallenge(identifierPage(context, MISSING_IDENTIFIER));
            return;
        }
        context.getEvent().detail(Details.USERNAME, identifier);
        context.clearUser();
        IdentityFirstConfig config = config(context);
        Optional<IdentifierResolver.Match> match = resolver(context, config).resolve(identifier);
        Optional<UserModel> user = match.map(IdentifierResolver.Match::user);
        SignInRoute route = router(context, config).route(user, identifier, match.map(IdentifierResolver.Match::byMobileNumber).orElse(false));
        if (!(route instanceof SignInRoute.Password)) {
            refuseSsoUserPassword(context, identifier);
            return;
        }
        if (user.isEmpty()) {
            testInvalidUser(context, null);
            return;
        }
        if (!user.get().isEnabled()) {
            refuseDisabledUser(context, user.get());
            return;
        }
        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, user.get());
        if (bruteForceError != null) {
            refuseLockedUser(context, user.get(), form.getFirst(FIELD_PASSWORD), bruteForceError);
            return;
        }
        // The user is set only once the password is right: a page rendered with a user set shows Keycloak's
        // "attempted username" row, which an unknown identifier's page would lack.
        if (validatePassword(context, user.get(), form, true)) {
            AuthenticatorUtils.processRememberMe(context, form);
            context.setUser(user.get());
            context.success();
        } else if (match.get().byMobileNumber()) {
            countMobileNumberFailure(context, user.get(), form.getFirst(FIELD_PASSWORD));
        }
    }

    /**
     * Keycloak counts a wrong password against the user its attempted username names by username or email; a mobile
     * number names nobody there, so without this, typing the number would be a way round brute-force detection.
     */
    private static void countMobileNumberFailure(AuthenticationFlowContext context, UserModel user, String password) {
        if (password == null || password.isEmpty() || !context.getRealm().isBruteForceProtected()) {
            return;
        }
        context.getProtector().failedLogin(context.getRealm(), user, context.getConnection(), context.getUriInfo(),
                Set.of(IdentityFirstAuthenticatorFactory.REFERENCE_CATEGORY));
    }

    /** A disabled account looks like a wrong password on this page; the event tells admins the real reason. */
    private void refuseDisabledUser(AuthenticationFlowContext context, UserModel user) {
        AuthenticatorUtils.dummyHash(context);
        context.getEvent().user(user).error(Errors.USER_DISABLED);
        Response challenge = challenge(context, getDefaultChallengeMessage(context), FIELD_PASSWORD);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, challenge);
    }

    /**
     * A user locked out by brute-force detection: the same hash work and the same page as a wrong password, so that
     * neither the answer's time nor its text tells a locked account (the event tells admins). Not counted as another
     * failure, as in Keycloak's own password form, so that refusals during a lockout do not prolong it.
     */
    private void refuseLockedUser(AuthenticationFlowContext context, UserModel user, String password, String bruteForceError) {
        if (password != null && !password.isEmpty()) {
            PasswordHashWork.spend(context, user, password);
        }
        context.getEvent().user(user).error(bruteForceError);
        Response challenge = challenge(context, getDefaultChallengeMessage(context), FIELD_PASSWORD);
        context.forceChallenge(challenge);
    }

    /** Same event, same work, same page as a wrong password: the SSO route must not be discoverable this way. */
    private void refuseSsoUserPassword(AuthenticationFlowContext context, String identifier) {
        AuthenticatorUtils.dummyHash(context);
        context.getEvent().detail(Details.USERNAME, identifier).detail(Details.REASON, "sso_user_password_refused");
        context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
        Response challenge = challenge(context, getDefaultChallengeMessage(context), FIELD_PASSWORD);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, challenge);
    }

    /** Microsoft is asked first: an SSO user who cannot go there gets the outage page, never the password step. */
    private void redirectToMicrosoft(AuthenticationFlowContext context, SignInRoute.Microsoft route) {
        IdentityProviderModel idp = context.getSession().identityProviders().getByAlias(route.idpAlias());
        if (!availability.answers(idp.getConfig().get(AUTHORIZATION_URL), idp.getConfig().get(METADATA_URL))) {
            context.forceChallenge(MicrosoftUnavailablePage.show(context.form(), context.getEvent(), context.getRealm(), route.idpAlias()));
            return;
        }
        var authSession = context.getAuthenticationSession();
        // Only the route's login_hint goes to Microsoft, none when it has none: a client's own login_hint may be a
        // guest's #EXT# UPN or a mobile number.
        if (route.loginHint() == null) {
            authSession.removeClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        } else {
            authSession.setClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM, route.loginHint());
        }
        if (route.guest()) {
            authSession.setAuthNote(EntraGuest.GUEST_NOTE, "true");
        } else {
            authSession.removeAuthNote(EntraGuest.GUEST_NOTE);
        }
        String accessCode = new ClientSessionCode<>(context.getSession(), context.getRealm(), authSession).getOrGenerateCode();
        URI location = Urls.identityProviderAuthnRequest(context.getUriInfo().getBaseUri(), route.idpAlias(),
                context.getRealm().getName(), accessCode, authSession.getClient().getClientId(), authSession.getTabId(),
                AuthenticationProcessor.getClientData(context.getSession(), authSession), route.loginHint());
        LOG.debugf("Routing %s to identity provider %s", route.guest() ? "a guest" : route.loginHint() == null ? "a mobile number" : route.loginHint(), route.idpAlias());
        context.forceChallenge(Response.seeOther(location).build());
    }

    private SignInRoute route(AuthenticationFlowContext context, String identifier) {
        IdentityFirstConfig config = config(context);
        Optional<IdentifierResolver.Match> match = resolver(context, config).resolve(identifier);
        return router(context, config).route(match.map(IdentifierResolver.Match::user), identifier,
                match.map(IdentifierResolver.Match::byMobileNumber).orElse(false));
    }

    private static IdentityFirstConfig config(AuthenticationFlowContext context) {
        return IdentityFirstConfig.from(context.getAuthenticatorConfig());
    }

    private static IdentifierResolver resolver(AuthenticationFlowContext context, IdentityFirstConfig config) {
        return new IdentifierResolver(context.getSession(), context.getRealm(), config.defaultPhoneRegion());
    }

    private static SignInRouter router(AuthenticationFlowContext context, IdentityFirstConfig config) {
        return new SignInRouter(context.getSession(), context.getRealm(), config.sendUpnForPhone());
    }

    private Response identifierPage(AuthenticationFlowContext context, String error) {
        LoginFormsProvider form = context.form().setExecution(context.getExecution().getId());
        var authSession = context.getAuthenticationSession();
        String identifier = authSession.getAuthNote(ATTEMPTED_USERNAME);
        if (identifier == null) {
            identifier = authSession.getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        }
        form.setAttribute("identifier", identifier == null ? "" : identifier);
        if (error != null) {
            form.addError(new FormMessage(FIELD_IDENTIFIER, error));
        }
        return form.createForm(IDENTIFIER_TEMPLATE);
    }

    private Response passwordPage(LoginFormsProvider form) {
        return form.createForm(PASSWORD_TEMPLATE);
    }

    /** Every error of the password step shows at the password field, so an unknown identifier looks like a known one. */
    @Override
    protected Response challenge(AuthenticationFlowContext context, String error, String field) {
        return super.challenge(context, error, field == null ? null : FIELD_PASSWORD);
    }

    @Override
    protected Response createLoginForm(LoginFormsProvider form) {
        return passwordPage(form);
    }

    @Override
    protected String disabledByBruteForceFieldError() {
        return FIELD_PASSWORD;
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
