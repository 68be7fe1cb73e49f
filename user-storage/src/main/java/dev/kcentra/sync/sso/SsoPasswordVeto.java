package dev.kcentra.sync.sso;

import org.keycloak.component.ComponentModel;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * SSO replaces the password: for a user to whom Entra SSO applies, no password validates and none can be set, on
 * any path (browser form, direct grant, reset, required action, admin REST).
 *
 * <p>Keycloak asks a federated user's provider first, for validation and for updates, whether the user is cached or
 * not; that is where this veto sits. A proxy user from {@code ImportedUserValidation} would not do: the user cache
 * hands out its own adapter and skips validation while an entry lives.
 */
public final class SsoPasswordVeto {

    /** Message key, in the login and admin message bundles: the password would never be used. */
    public static final String PASSWORD_NOT_USED = "kcentraSsoPasswordNotUsed";

    private static final String DUMMY_PASSWORD = "SlightlyLongerDummyPassword";

    private final KeycloakSession session;
    private final ComponentModel connection;

    public SsoPasswordVeto(KeycloakSession session, ComponentModel connection) {
        this.session = session;
        this.connection = connection;
    }

    public static boolean isPassword(String credentialType) {
        return PasswordCredentialModel.TYPE.equals(credentialType);
    }

    public boolean applies(UserModel user) {
        return SsoPolicy.decide(connection, user).sso();
    }

    /**
     * Refuses a password offered for an SSO user. Keycloak then asks its own password store with the same input, so
     * the input is emptied: a stored password from before SSO must not let the user in. The hash is computed anyway
     * so that the refusal takes as long as a wrong password.
     */
    public void refuse(RealmModel realm, CredentialInput input) {
        hashOnce(realm);
        if (input instanceof UserCredentialModel credential) {
            credential.setValue(null);
        }
    }

    /** Thrown where a password would be stored: admin REST, "update password", reset-credentials. */
    public ModelException notUsed() {
        return new ModelException(PASSWORD_NOT_USED);
    }

    private void hashOnce(RealmModel realm) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        String algorithm = policy == null ? null : policy.getHashAlgorithm();
        PasswordHashProvider hash = algorithm == null
                ? session.getProvider(PasswordHashProvider.class)
                : session.getProvider(PasswordHashProvider.class, algorithm);
        hash.encodedCredential(DUMMY_PASSWORD, policy == null ? -1 : policy.getHashIterations());
    }
}
