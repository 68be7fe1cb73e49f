package dev.kcentra.vault.store;

import dev.kcentra.vault.crypto.EnvelopeCipher;
import dev.kcentra.vault.crypto.KeyEncryptionKey;
import dev.kcentra.vault.crypto.SealedSecret;
import dev.kcentra.vault.keys.VaultKeySource;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Seals secrets into credential rows and opens them again, with the realm's keys from the configured key source. */
public final class SealedCredentials {

    private static final EnvelopeCipher CIPHER = new EnvelopeCipher();

    private final VaultKeySource keys;
    private final RealmModel realm;

    public SealedCredentials(KeycloakSession session, RealmModel realm) {
        this.keys = session.getProvider(VaultKeySource.class);
        this.realm = realm;
    }

    /** A new, not yet persisted row holding {@code password} sealed under the realm's current key. */
    public SharedCredentialEntity seal(PasswordAppEntity app, String owner, String username, String password, int version, String state) {
        KeyEncryptionKey kek = keys.current(realm);
        SharedCredentialEntity credential = new SharedCredentialEntity();
        credential.setId(KeycloakModelUtils.generateId());
        credential.setAppId(app.getId());
        credential.setRealmId(realm.getId());
        credential.setOwner(owner);
        credential.setState(state);
        credential.setVersion(version);
        credential.setUsername(username);
        credential.setCreatedAt(System.currentTimeMillis());
        write(credential, CIPHER.seal(kek, realm.getId(), credential.getId(), password.getBytes(StandardCharsets.UTF_8)));
        return credential;
    }

    public String open(SharedCredentialEntity credential) {
        return open(SealedCredential.of(credential));
    }

    public String open(SealedCredential credential) {
        KeyEncryptionKey kek = keys.byId(realm, credential.kekId());
        return new String(CIPHER.open(kek, credential.realmId(), credential.id(), credential.sealed()), StandardCharsets.UTF_8);
    }

    /** @return false if the row was under the current key already */
    public boolean rewrap(SharedCredentialEntity credential) {
        KeyEncryptionKey current = keys.current(realm);
        if (current.id().equals(credential.getKekId())) {
            return false;
        }
        KeyEncryptionKey old = keys.byId(realm, credential.getKekId());
        write(credential, CIPHER.rewrap(old, current, credential.getRealmId(), credential.getId(), SealedCredential.of(credential).sealed()));
        return true;
    }

    public String currentKeyId() {
        return keys.current(realm).id();
    }

    private static void write(SharedCredentialEntity credential, SealedSecret sealed) {
        credential.setKekId(sealed.kekId());
        credential.setWrappedKey(Base64.getEncoder().encodeToString(sealed.wrappedDataKey()));
        credential.setCiphertext(Base64.getEncoder().encodeToString(sealed.ciphertext()));
    }
}
