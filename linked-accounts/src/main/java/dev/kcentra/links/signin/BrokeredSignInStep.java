package dev.kcentra.links.signin;

import dev.kcentra.links.account.LinkedAccountsPage;
import dev.kcentra.links.linking.IdpLinking;
import dev.kcentra.links.store.LinkedAccount;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/**
 * The linked-accounts step of the broker flows (first at first-broker login, in the post-broker login flow). A sign-in
 * that the "Linked accounts" page started to prove an account links that account to the master and goes back to the
 * page, without a session. Any other brokered sign-in of a linked account (a Keycloak user linked to a master, or a
 * provider identity linked without one) is refused.
 */
public class BrokeredSignInStep implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        SerializedBrokeredIdentityContext brokered = brokered(authSession);
        UserModel user = context.getUser();
        if (user == null && brokered == null) {
            context.success();
            return;
        }
        LinkedAccount account = user != null ? LinkedAccount.of(user) : identity(brokered);
        if (IdpLinking.isLinking(authSession)) {
            link(context, account, user, brokered);
            return;
        }
        if (LinkedAccountRefusal.refused(context, account)) {
            return;
        }
        // A provider identity linked as itself, which a sync has since made a user, is still linked.
        if (user != null && brokered != null && LinkedAccountRefusal.refused(context, identity(brokered))) {
            return;
        }
        if (user != null) {
            LinkedAccountRefusal.markPassed(authSession, user);
        }
        context.success();
    }

    private static void link(AuthenticationFlowContext context, LinkedAccount account, UserModel user, SerializedBrokeredIdentityContext brokered) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        Optional<UserSessionModel> master = IdpLinking.masterSession(session, realm, context.getAuthenticationSession());
        if (master.isPresent()) {
            IdpLinking.complete(session, realm, master.get(), account, user, brokered == null ? null : brokered.getIdentityProviderId(),
                    LinkedAccountsPage.event(session, realm, master.get()));
        }
        // Back to the page, which shows the outcome (or asks the master to sign in again if its session ended).
        context.forceChallenge(Response.seeOther(LinkedAccountsPage.CLIENT.home(session.getContext().getUri(), realm)).build());
    }

    private static LinkedAccount identity(SerializedBrokeredIdentityContext brokered) {
        return LinkedAccount.ofIdentity(brokered.getIdentityProviderId(), brokered.getId(), brokered.getUsername());
    }

    private static SerializedBrokeredIdentityContext brokered(AuthenticationSessionModel authSession) {
        SerializedBrokeredIdentityContext firstLogin = SerializedBrokeredIdentityContext.readFromAuthenticationSession(authSession,
                AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE);
        return firstLogin != null ? firstLogin
                : SerializedBrokeredIdentityContext.readFromAuthenticationSession(authSession, PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
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
