package dev.kcentra.vault.store;

import dev.kcentra.vault.crypto.SealedSecret;

import java.util.Base64;

/**
 * One stored credential version as read, immutable: the username in clear, the password still sealed (Base64 of the
 * wrapped data key and of the ciphertext under the realm key {@code kekId}); {@link SealedCredentials#open} opens it.
 */
public record SealedCredential(String id, String realmId, String username, int version, String kekId, String wrappedKey,
                               String ciphertext) {

    SealedSecret sealed() {
        return new SealedSecret(kekId, Base64.getDecoder().decode(wrappedKey), Base64.getDecoder().decode(ciphertext));
    }

    static SealedCredential of(SharedCredentialEntity row) {
        return new SealedCredential(row.getId(), row.getRealmId(), row.getUsername(), row.getVersion(), row.getKekId(), row.getWrappedKey(),
                row.getCiphertext());
    }
}
