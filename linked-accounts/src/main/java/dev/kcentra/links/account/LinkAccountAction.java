package dev.kcentra.links.account;

import dev.kcentra.links.linking.Linking;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;

/**
 * "Link an account" as an application-initiated action ({@code kc_action=kcentra-link-account}): an app sends its
 * signed-in user to link another account by that account's password, and gets {@code kc_action_status} back. The
 * user may cancel; nothing is linked then. Keycloak asks for a fresh sign-in first if the user signed in longer ago than
 * the realm's maximum age of authentication for linking.
 */
public class LinkAccountAction implements RequiredActionProvider {

    static final String TEMPLATE = "kcentra-link-account.ftl";

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    /** The realm's one maximum age of authentication for linking ({@link FreshSignIn}), as the page applies it. */
    @Override
    public int getMaxAuthAge(KeycloakSession session) {
        return session == null || session.getContext().getRealm() == null ? Constants.KC_ACTION_MAX_AGE
                : FreshSignIn.maxAgeSeconds(session.getContext().getRealm());
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // Only ever asked for by an app (or an admin): nothing triggers it.
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(context.form().createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        Linking.Result result = Linking.byPassword(context.getSession(), context.getRealm(), context.getUser(), form.getFirst("username"),
                form.getFirst("password"), context.getEvent().clone().event(EventType.FEDERATED_IDENTITY_LINK));
        if (result.linked()) {
            context.success();
            return;
        }
        context.challenge(context.form().setError(result.messageKey()).createForm(TEMPLATE));
    }

    @Override
    public void close() {
    }
}
