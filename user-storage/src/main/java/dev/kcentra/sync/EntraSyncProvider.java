package dev.kcentra.sync;

import dev.kcentra.sync.sso.SsoPasswordVeto;
import dev.kcentra.sync.sso.SsoUser;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputUpdater;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.user.ImportedUserValidation;

import java.util.stream.Stream;

/**
 * The per-session side of an Entra connection. Synced users are imported into Keycloak's own store, so lookups and
 * credentials are Keycloak's; the sync itself happens in {@link EntraSyncProviderFactory}'s sync methods. What this
 * class adds is SSO replacing the password: Keycloak asks it first about every password of a synced user.
 */
public class EntraSyncProvider implements UserStorageProvider, ImportedUserValidation, CredentialInputValidator,
        CredentialInputUpdater {

    private final SsoPasswordVeto veto;

    EntraSyncProvider(SsoPasswordVeto veto) {
        this.veto = veto;
    }

    @Override
    public UserModel validate(RealmModel realm, UserModel user) {
        return veto.applies(user) ? new SsoUser(user) : user;
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return SsoPasswordVeto.isPassword(credentialType);
    }

    /** Passwords of synced users are Keycloak's own: this provider never holds one. */
    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return false;
    }

    /** Never accepts; for an SSO user it also stops Keycloak's own password store from accepting. */
    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        if (veto.applies(user)) {
            veto.refuse(realm, input);
        }
        return false;
    }

    /** Refuses a password for an SSO user; for anyone else returns false, so Keycloak stores it as usual. */
    @Override
    public boolean updateCredential(RealmModel realm, UserModel user, CredentialInput input) {
        if (veto.applies(user)) {
            throw veto.notUsed();
        }
        return false;
    }

    @Override
    public void disableCredentialType(RealmModel realm, UserModel user, String credentialType) {
        // Keycloak's own store holds the password and disables it itself.
    }

    @Override
    public Stream<String> getDisableableCredentialTypesStream(RealmModel realm, UserModel user) {
        return Stream.empty();
    }

    @Override
    public void close() {
    }
}
