package dev.kcentra.vault.rotation;

import org.keycloak.provider.Provider;

/**
 * Changes an app's shared password at the app. The vault serves the new version only after {@link #change} returned
 * {@link Outcome#confirmed}; anything else keeps the old version in service.
 */
public interface PasswordRotator extends Provider {

    /** @param loginUrl the app's login URL: its origin is where the app lives */
    record Change(String appName, String loginUrl, String username, String currentPassword, String newPassword, RotationPolicy policy,
                  String sharedSecret) {
        /** Neither password nor the webhook's shared secret: a change may be logged. */
        @Override
        public String toString() {
            return "Change[appName=" + appName + ", loginUrl=" + loginUrl + ", username=" + username + ", currentPassword=" + masked(currentPassword)
                    + ", newPassword=" + masked(newPassword) + ", policy=" + policy + ", sharedSecret=" + masked(sharedSecret) + "]";
        }

        private static String masked(String secret) {
            return secret == null ? null : "**********";
        }
    }

    record Outcome(boolean confirmed, String message) {
        public static Outcome confirmed(String message) {
            return new Outcome(true, message);
        }

        public static Outcome failed(String message) {
            return new Outcome(false, message);
        }
    }

    Outcome change(Change change);

    @Override
    default void close() {
    }
}
