package dev.kcentra.links.linking;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

import java.util.Set;

/**
 * Proof of an account by its password, checked against the account's own store (a federation provider validates
 * its users' passwords) and counted by the realm's brute-force protection like a sign-in.
 */
public final class PasswordProof {

    public enum Result { VALID, INVALID, LOCKED_OUT }

    private PasswordProof() {
    }

    public static Result check(KeycloakSession session, RealmModel realm, UserModel account, String password) {
        if (account == null || password == null || password.isEmpty()) {
            return Result.INVALID;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        if (realm.isBruteForceProtected()
                && (protector.isTemporarilyDisabled(session, realm, account) || protector.isPermanentlyLockedOut(session, realm, account))) {
            return Result.LOCKED_OUT;
        }
        if (!account.isEnabled()) {
            return Result.INVALID;
        }
        if (account.credentialManager().isValid(UserCredentialModel.password(password))) {
            return Result.VALID;
        }
        if (realm.isBruteForceProtected()) {
            protector.failedLogin(realm, account, session.getContext().getConnection(), session.getContext().getUri(),
                    Set.of(PasswordCredentialModel.TYPE));
        }
        return Result.INVALID;
    }
}
