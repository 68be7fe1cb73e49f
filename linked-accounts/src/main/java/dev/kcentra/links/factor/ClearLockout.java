package dev.kcentra.links.factor;

import dev.kcentra.links.linking.Lockout;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The unlock step: after the flow's earlier steps proved the user (for example the linked-account factor), clears the
 * user's brute-force lockout, so that the next sign-in is not refused. An event records each unlock.
 */
public class ClearLockout implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        if (Lockout.clear(context.getSession(), context.getRealm(), user)) {
            context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION).user(user)
                    .detail(Details.CUSTOM_REQUIRED_ACTION, "kcentra-clear-lockout").success();
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
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
