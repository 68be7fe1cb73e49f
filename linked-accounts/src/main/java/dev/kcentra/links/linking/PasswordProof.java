package dev.kcentra.links.linking;

import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proof of an account by its password, checked against the account's own store (a federation provider validates
 * its users' passwords) and counted by the realm's brute-force protection like a sign-in. An unknown, disabled or
 * locked account costs one password hash too (against a dummy hash of the realm's password policy), as a wrong
 * password does: how long the answer takes does not tell which it was.
 */
public final class PasswordProof {

    public enum Result { VALID, INVALID, LOCKED_OUT }

    /** A dummy credential per hash algorithm and iterations, hashed once: verifying against it is the work of a real check. */
    private static final Map<String, PasswordCredentialModel> DUMMIES = new ConcurrentHashMap<>();
    private static final String DUMMY_PASSWORD = "kcentra-links-dummy-password";

    private PasswordProof() {
    }

    public static Result check(KeycloakSession session, RealmModel realm, UserModel account, String password) {
        if (password == null || password.isEmpty()) {
            return Result.INVALID;
        }
        if (account == null) {
            hashInVain(session, realm, password);
            return Result.INVALID;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        if (realm.isBruteForceProtected()
                && (protector.isTemporarilyDisabled(session, realm, account) || protector.isPermanentlyLockedOut(session, realm, account))) {
            hashInVain(session, realm, password);
            return Result.LOCKED_OUT;
        }
        if (!account.isEnabled()) {
            hashInVain(session, realm, password);
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

    /**
     * The hash work of checking {@code password} when there is no account to check it against (an unknown account, or
     * one that may not prove anything): one verification against a dummy hash with the realm's password policy.
     */
    public static void hashInVain(KeycloakSession session, RealmModel realm, String password) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        String algorithm = policy == null ? null : policy.getHashAlgorithm();
        int iterations = policy == null ? -1 : policy.getHashIterations();
        PasswordHashProvider hash = algorithm == null ? session.getProvider(PasswordHashProvider.class)
                : session.getProvider(PasswordHashProvider.class, algorithm);
        if (hash == null) {
            return;
        }
        PasswordCredentialModel dummy = DUMMIES.computeIfAbsent(algorithm + "/" + iterations, key -> hash.encodedCredential(DUMMY_PASSWORD, iterations));
        hash.verify(password == null ? "" : password, dummy);
    }
}
