package dev.kcentra.links.linking;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/** An account's brute-force lockout, read and cleared as an admin's "unlock" in the admin console does it. */
public final class Lockout {

    private Lockout() {
    }

    public static boolean isLockedOut(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return false;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        return protector.isTemporarilyDisabled(session, realm, user) || protector.isPermanentlyLockedOut(session, realm, user);
    }

    /** Clears the failures and re-enables an account that a permanent lockout disabled; returns whether it was locked. */
    public static boolean clear(KeycloakSession session, RealmModel realm, UserModel user) {
        boolean wasLocked = isLockedOut(session, realm, user);
        if (BruteForceProtector.DISABLED_BY_PERMANENT_LOCKOUT.equals(user.getFirstAttribute(UserModel.DISABLED_REASON))) {
            user.removeAttribute(UserModel.DISABLED_REASON);
            user.setEnabled(true);
            wasLocked = true;
        }
        session.loginFailures().removeUserLoginFailure(realm, user.getId());
        return wasLocked;
    }
}
