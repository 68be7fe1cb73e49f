package dev.kcentra.links.linking;

import dev.kcentra.links.store.LinkedAccount;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

import java.net.URI;
import java.util.Optional;

/**
 * Linking an account by signing in with an identity provider of the realm. The master's page starts a sign-in of its
 * own (a fresh authentication session, marked with the master's browser session) at the provider; the broker
 * flows' {@code kcentra-linked-account-broker} step sees the mark when the provider answers, links the account that
 * signed in, and sends the browser back to the page: no session is ever created for the linked account.
 */
public final class IdpLinking {

    /**
     * The mark of a linking sign-in: the master's browser session, which must still be alive when the provider answers.
     * A client note, because Keycloak clears auth notes when a first-broker login starts; only this class writes it (a
     * client's own request parameters become notes with a prefix).
     */
    private static final String USER_SESSION_NOTE = "kcentra.link.user-session";

    /** The outcome of a provider sign-in, kept in the master's session for the page to show once. */
    private static final String RESULT_NOTE = "kcentra-links-result";


    private IdpLinking() {
    }

    /** The providers a user may link with: enabled and not link-only; the broker flows must include the step. */
    public static boolean usable(IdentityProviderModel provider) {
        return provider != null && provider.isEnabled() && !provider.isLinkOnly();
    }

    /** Where the browser goes to prove an account at {@code provider}: Keycloak's broker login of a marked sign-in. */
    public static URI start(KeycloakSession session, RealmModel realm, ClientModel pageClient, URI pageHome,
                            UserSessionModel masterSession, IdentityProviderModel provider) {
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).createAuthenticationSession(realm, true);
        AuthenticationSessionModel authSession = root.createAuthenticationSession(pageClient);
        authSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        authSession.setRedirectUri(pageHome.toString());
        authSession.setAction(AuthenticationSessionModel.Action.AUTHENTICATE.name());
        authSession.setClientNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM, "code");
        authSession.setClientNote(OIDCLoginProtocol.REDIRECT_URI_PARAM, pageHome.toString());
        authSession.setClientNote(OIDCLoginProtocol.ISSUER, Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        // The account to link is another account: ask the provider to let the user choose or sign in again.
        authSession.setClientNote(OIDCLoginProtocol.PROMPT_PARAM, "login");
        authSession.setClientNote(USER_SESSION_NOTE, masterSession.getId());
        String code = new ClientSessionCode<>(session, realm, authSession).getOrGenerateCode();
        return Urls.identityProviderAuthnRequest(session.getContext().getUri().getBaseUri(), provider.getAlias(), realm.getName(), code,
                pageClient.getClientId(), authSession.getTabId(), AuthenticationProcessor.getClientData(session, authSession), null);
    }

    /** The master's browser session of a marked sign-in, if it is still alive. */
    public static Optional<UserSessionModel> masterSession(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession) {
        String userSessionId = authSession.getClientNote(USER_SESSION_NOTE);
        UserSessionModel userSession = userSessionId == null ? null : session.sessions().getUserSession(realm, userSessionId);
        return Optional.ofNullable(userSession).filter(s -> s.getUser() != null);
    }

    /** Whether this sign-in was started by the Linked accounts page to prove an account. */
    public static boolean isLinking(AuthenticationSessionModel authSession) {
        return authSession.getClientNote(USER_SESSION_NOTE) != null;
    }

    /**
     * Links the account that signed in at the provider to the master and keeps the outcome for the page. The account
     * is the Keycloak user the provider's identity belongs to, or the identity itself if it has no user.
     */
    public static void complete(KeycloakSession session, RealmModel realm, UserSessionModel masterSession, LinkedAccount account,
                                UserModel accountUser, String providerAlias, EventBuilder event) {
        event.event(EventType.FEDERATED_IDENTITY_LINK).user(masterSession.getUser()).detail(LinkEvents.METHOD, "idp:" + providerAlias);
        LinkEvents.about(event, accountUser, account.name());
        keep(masterSession, Linking.link(session, realm, masterSession.getUser(), account, accountUser, "idp:" + providerAlias, event));
    }

    private static void keep(UserSessionModel masterSession, Linking.Result result) {
        masterSession.setNote(RESULT_NOTE, (result.linked() ? "+" : "-") + result.messageKey() + "|" + result.accountName());
    }

    /** The outcome of the last provider sign-in, once. */
    public static Linking.Result takeResult(UserSessionModel masterSession) {
        String note = masterSession.getNote(RESULT_NOTE);
        if (note == null) {
            return null;
        }
        masterSession.removeNote(RESULT_NOTE);
        int bar = note.indexOf('|');
        return new Linking.Result(note.startsWith("+"), note.substring(1, bar), note.substring(bar + 1));
    }
}
