package dev.kcentra.links.linking;

import dev.kcentra.links.store.LinkedAccount;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A user's link of an account to itself (the master), whichever way the account was proved: the link, then what
 * follows it (the account's sessions end, both accounts are told), each step in the user's event.
 */
public final class Linking {

    /** What the user is told: a message key of the login theme, with the account's name as its argument. */
    public record Result(boolean linked, String messageKey, String accountName) {
    }

    private Linking() {
    }

    /** Proof by the account's password (an unknown account, a wrong password and a locked account look alike). */
    public static Result byPassword(KeycloakSession session, RealmModel realm, UserModel master, String username, String password,
                                    EventBuilder event) {
        String typed = username == null ? "" : username.trim();
        UserModel account = typed.isEmpty() ? null : KeycloakModelUtils.findUserByNameOrEmail(session, realm, typed);
        LinkEvents.about(event.user(master), account, typed).detail(LinkEvents.METHOD, "password");
        PasswordProof.Result proof = PasswordProof.check(session, realm, account, password);
        if (proof != PasswordProof.Result.VALID) {
            event.error(proof == PasswordProof.Result.LOCKED_OUT ? LinkEvents.PROOF_LOCKED_OUT : LinkEvents.INVALID_PROOF);
            return new Result(false, "kcentraLinksInvalidCredentials", typed);
        }
        return link(session, realm, master, LinkedAccount.of(account), account, "password", event);
    }

    /** Links a proved account: a Keycloak user ({@code accountUser}), or a provider's identity without one. */
    public static Result link(KeycloakSession session, RealmModel realm, UserModel master, LinkedAccount account, UserModel accountUser,
                              String method, EventBuilder event) {
        String name = accountUser != null ? accountUser.getUsername() : account.name();
        AccountLinker.Outcome outcome = new AccountLinker(session, realm.getId()).link(LinkedAccount.of(master), account, method);
        if (!outcome.linked()) {
            event.error(LinkEvents.error(outcome.refusal()));
            return new Result(false, outcome.refusal().messageKey, name);
        }
        event.success();
        if (accountUser != null) {
            linked(session, realm, master, accountUser);
        }
        return new Result(true, "kcentraLinksLinked", name);
    }

    /** What follows every new link of a Keycloak user, a user's or an admin's: its sessions end, both accounts are told. */
    public static void linked(KeycloakSession session, RealmModel realm, UserModel master, UserModel account) {
        AccountSessions.endAll(session, realm, account);
        LinkNotifications.linked(session, realm, master, account);
    }
}
