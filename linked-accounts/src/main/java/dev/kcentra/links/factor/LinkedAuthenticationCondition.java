package dev.kcentra.links.factor;

import dev.kcentra.links.store.LinkStore;
import dev.kcentra.links.store.LinkedAccount;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Condition: the flow's user has a linked account with "Allow Authentication" on (negated: has none, or the user is
 * unknown). Routes a reset-credentials flow to the linked-account factor or to Keycloak's reset email.
 */
public class LinkedAuthenticationCondition implements ConditionalAuthenticator {

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        boolean allowed = user != null
                && !new LinkStore(context.getSession(), context.getRealm()).authenticatingLinksOf(LinkedAccount.of(user)).isEmpty();
        return allowed != negated(context.getAuthenticatorConfig());
    }

    private static boolean negated(AuthenticatorConfigModel config) {
        return config != null && config.getConfig() != null
                && Boolean.parseBoolean(config.getConfig().get(LinkedAuthenticationConditionFactory.NEGATE));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
