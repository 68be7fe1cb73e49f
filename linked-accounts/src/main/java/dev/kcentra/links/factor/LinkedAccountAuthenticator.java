package dev.kcentra.links.factor;

import dev.kcentra.links.linking.LinkEvents;
import dev.kcentra.links.linking.LinkNotifications;
import dev.kcentra.links.linking.PasswordProof;
import dev.kcentra.links.store.AccountLinkEntity;
import dev.kcentra.links.store.LinkStore;
import dev.kcentra.links.store.LinkedAccount;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;

/**
 * The linked-account factor: the flow's user (a master) proves itself with the password of one of its linked accounts
 * that has "Allow Authentication" on. As an alternative it steps aside for users without such an account; required,
 * it tells them that linked-account authentication is disabled. An unknown user gets the form, which nothing passes.
 * Beside Keycloak's reset email, use it in a conditional subflow ({@link LinkedAuthenticationCondition}) rather than
 * as an alternative: Keycloak swallows the reset email's restart of the flow when it runs as an alternative.
 */
public class LinkedAccountAuthenticator implements Authenticator {

    static final String TEMPLATE = "kcentra-linked-account-login.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        if (user != null && allowed(context).isEmpty()) {
            if (!context.getExecution().isRequired()) {
                context.attempted();
                return;
            }
            context.getEvent().user(user).error("kcentra_linked_authentication_disabled");
            context.forceChallenge(context.form().setError("kcentraLinkedAuthDisabled").createErrorPage(Response.Status.FORBIDDEN));
            return;
        }
        context.challenge(context.form().createForm(TEMPLATE));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String typed = form.getFirst("username") == null ? "" : form.getFirst("username").trim();
        UserModel account = typed.isEmpty() ? null : KeycloakModelUtils.findUserByNameOrEmail(context.getSession(), context.getRealm(), typed);
        UserModel user = context.getUser();
        boolean allowedAccount = user != null && account != null
                && allowed(context).stream().anyMatch(link -> account.getId().equals(link.getUserId()));
        // The password is checked (and counted) only for an account that may prove the user: anything else is refused
        // alike, after the same hash work.
        String password = form.getFirst("password");
        if (allowedAccount && PasswordProof.check(context.getSession(), context.getRealm(), account, password) == PasswordProof.Result.VALID) {
            context.getEvent().detail(LinkEvents.LINKED_USER_ID, account.getId()).detail(LinkEvents.LINKED_USERNAME, account.getUsername());
            LinkNotifications.factorUsed(context.getSession(), context.getRealm(), user, account);
            context.success();
            return;
        }
        if (!allowedAccount && password != null && !password.isEmpty()) {
            PasswordProof.hashInVain(context.getSession(), context.getRealm(), password);
        }
        if (user != null) {
            context.getEvent().user(user);
        }
        LinkEvents.about(context.getEvent(), allowedAccount ? account : null, typed).error(Errors.INVALID_USER_CREDENTIALS);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                context.form().setError("kcentraLinkedAuthInvalid").createForm(TEMPLATE));
    }

    private static List<AccountLinkEntity> allowed(AuthenticationFlowContext context) {
        return new LinkStore(context.getSession(), context.getRealm()).authenticatingLinksOf(LinkedAccount.of(context.getUser()));
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
