package dev.kcentra.signin.reset;

import dev.kcentra.sync.sso.SsoPolicy;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;

/**
 * "Forgot password" for a user who signs in with Microsoft: no reset email, no password, and the same "you should
 * receive an email" page that unknown users get, so the page does not tell who uses SSO. The refusal is an event.
 */
public class SsoPasswordResetGuard implements Authenticator {

    /** The event error of a refused reset. */
    public static final String ERROR = "entra_sso_user_has_no_password";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        if (user == null || !SsoPolicy.decide(context.getRealm(), user).sso()) {
            context.success();
            return;
        }
        context.getEvent().clone().event(EventType.SEND_RESET_PASSWORD).user(user)
                .detail(Details.USERNAME, context.getAuthenticationSession().getAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME))
                .error(ERROR);
        context.forkWithSuccessMessage(new FormMessage(Messages.EMAIL_SENT));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // No form of its own.
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
