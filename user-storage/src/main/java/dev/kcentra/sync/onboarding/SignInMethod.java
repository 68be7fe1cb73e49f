package dev.kcentra.sync.onboarding;

import dev.kcentra.sync.sso.SsoPolicy;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/** How a synced user signs in now: with Microsoft, with their Keycloak password, or not at all (stranded). */
public enum SignInMethod {
    MICROSOFT, PASSWORD, NONE;

    public static SignInMethod of(ComponentModel connection, UserModel user) {
        if (SsoPolicy.decide(connection, user).sso()) {
            return MICROSOFT;
        }
        boolean hasPassword = user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE).findAny().isPresent();
        return hasPassword ? PASSWORD : NONE;
    }
}
