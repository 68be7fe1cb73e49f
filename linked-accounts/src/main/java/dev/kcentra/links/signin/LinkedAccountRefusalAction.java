package dev.kcentra.links.signin;

import dev.kcentra.links.linking.LinkEvents;
import dev.kcentra.links.store.AccountLinkEntity;
import dev.kcentra.links.store.LinkStore;
import dev.kcentra.links.store.LinkedAccount;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/**
 * The refusal wherever a flow would end in a session for a linked account without passing
 * {@link LinkedAccountRefusal}: "Forgot password?" (the reset-credentials flow signs the user in once the new password
 * is set), or a flow an admin wired without the refusal. Keycloak evaluates every enabled required action when a flow
 * has proved its user and before it creates the session; for a linked account this one is added first and answers
 * with the refusal page, which nothing gets past. Registered and enabled in every realm ({@code RealmSetup}).
 */
public class LinkedAccountRefusalAction implements RequiredActionProvider {

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.NOT_SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        UserModel user = context.getUser();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (user == null || authSession == null || LinkedAccountRefusal.passed(authSession, user)) {
            return;
        }
        if (master(context).isPresent()) {
            authSession.addRequiredAction(LinkedAccountRefusalActionFactory.PROVIDER_ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        Optional<AccountLinkEntity> master = master(context);
        if (master.isEmpty()) {
            // Unlinked since the trigger: nothing to refuse.
            context.success();
            return;
        }
        context.getEvent().clone().event(EventType.LOGIN_ERROR).user(context.getUser())
                .detail(LinkEvents.MASTER_USER_ID, master.get().getUserId()).error(LinkEvents.LINKED_ACCOUNT_REFUSED);
        context.challenge(context.form().setError("kcentraLinkedAccountRefused").createErrorPage(Response.Status.FORBIDDEN));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        // No form of its own: a refused sign-in stays refused.
        requiredActionChallenge(context);
    }

    private static Optional<AccountLinkEntity> master(RequiredActionContext context) {
        return new LinkStore(context.getSession(), context.getRealm()).masterOf(LinkedAccount.of(context.getUser()));
    }

    @Override
    public void close() {
    }
}
