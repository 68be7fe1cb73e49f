package dev.kcentra.links.signin;

import dev.kcentra.links.linking.LinkEvents;
import dev.kcentra.links.store.AccountLinkEntity;
import dev.kcentra.links.store.LinkStore;
import dev.kcentra.links.store.LinkedAccount;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/**
 * Ends a sign-in as a linked account before any session exists: the browser gets the login theme's page saying to use
 * the master account, a direct grant an {@code invalid_grant}. Placed after the steps that prove the account, so only
 * its owner learns that it is linked. Not a failed sign-in for brute-force protection: the credentials were right.
 */
public class LinkedAccountRefusal implements Authenticator {

    /** The flow path of a direct grant (Resource Owner Password Credentials) in Keycloak's authentication processor. */
    private static final String DIRECT_GRANT_FLOW_PATH = "token";

    /** Auth note: the user this refusal let through, so that {@link LinkedAccountRefusalAction} need not look again. */
    private static final String PASSED_NOTE = "kcentra.linked-account.passed";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (!refused(context, LinkedAccount.of(context.getUser()))) {
            markPassed(context.getAuthenticationSession(), context.getUser());
            context.success();
        }
    }

    static void markPassed(AuthenticationSessionModel authSession, UserModel user) {
        authSession.setAuthNote(PASSED_NOTE, user.getId());
    }

    /** Whether this flow's refusal (or the broker step) already found {@code user} not linked. */
    static boolean passed(AuthenticationSessionModel authSession, UserModel user) {
        return user.getId().equals(authSession.getAuthNote(PASSED_NOTE));
    }

    /** Ends the flow with the refusal if {@code account} is linked to a master; says whether it did. */
    static boolean refused(AuthenticationFlowContext context, LinkedAccount account) {
        Optional<AccountLinkEntity> master = new LinkStore(context.getSession(), context.getRealm()).masterOf(account);
        if (master.isEmpty()) {
            return false;
        }
        UserModel user = context.getUser();
        if (user != null) {
            context.getEvent().user(user);
        }
        context.getEvent().detail(LinkEvents.MASTER_USER_ID, master.get().getUserId()).error(LinkEvents.LINKED_ACCOUNT_REFUSED);
        if (DIRECT_GRANT_FLOW_PATH.equals(context.getFlowPath())) {
            context.forceChallenge(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new OAuth2ErrorRepresentation(OAuthErrorException.INVALID_GRANT,
                            "This account is linked to another account: sign in with that account."))
                    .build());
            return true;
        }
        context.forceChallenge(context.form().setError("kcentraLinkedAccountRefused").createErrorPage(Response.Status.FORBIDDEN));
        return true;
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // No form of its own: a refused sign-in stays refused.
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return true;
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
