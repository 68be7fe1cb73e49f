package dev.kcentra.links.linking;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.UserModel;

/**
 * What link events carry. Keycloak's event types for identity links are used ({@code FEDERATED_IDENTITY_LINK},
 * {@code REMOVE_FEDERATED_IDENTITY} and their errors), with a detail that says an account, not an identity provider,
 * was linked.
 */
public final class LinkEvents {

    public static final String LINK_KIND = "kcentra_link";
    public static final String ACCOUNT_LINK = "linked-account";
    public static final String LINKED_USER_ID = "kcentra_linked_user_id";
    public static final String LINKED_USERNAME = "kcentra_linked_username";
    public static final String MASTER_USER_ID = "kcentra_master_user_id";
    public static final String METHOD = "kcentra_link_method";
    public static final String CHANGE = "kcentra_link_change";

    /** A linked account tried to sign in on its own. */
    public static final String LINKED_ACCOUNT_REFUSED = "kcentra_linked_account";
    public static final String INVALID_PROOF = "kcentra_link_invalid_credentials";
    public static final String PROOF_LOCKED_OUT = "kcentra_link_locked_out";

    private LinkEvents() {
    }

    /** The event about a link between the session's user and {@code account} (which may be unknown, as a typed name). */
    public static EventBuilder about(EventBuilder event, UserModel account, String typedName) {
        event.detail(LINK_KIND, ACCOUNT_LINK);
        if (account != null) {
            event.detail(LINKED_USER_ID, account.getId()).detail(LINKED_USERNAME, account.getUsername());
        } else if (typedName != null) {
            event.detail(LINKED_USERNAME, typedName);
        }
        return event;
    }

    public static String error(AccountLinker.Refusal refusal) {
        return "kcentra_link_" + refusal.name().toLowerCase(java.util.Locale.ROOT);
    }
}
