package dev.kcentra.vault.keys;

import dev.kcentra.vault.crypto.KeyEncryptionKey;
import dev.kcentra.vault.crypto.VaultKeyException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A realm's keys as Base64 of 32 bytes in Keycloak's vault: {@code ${vault.kcentra-vault-kek}} seals, and
 * {@code ${vault.kcentra-vault-kek-previous}}, while a rotation is under way, still opens. With the file vault these
 * are the files {@code <realm>_kcentra-vault-kek} and {@code <realm>_kcentra-vault-kek-previous}.
 */
final class KeycloakVaultKeySource implements VaultKeySource {

    static final String CURRENT = "kcentra-vault-kek";
    static final String PREVIOUS = "kcentra-vault-kek-previous";

    private final KeycloakSession session;

    KeycloakVaultKeySource(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public KeyEncryptionKey current(RealmModel realm) {
        return read(realm, CURRENT).orElseThrow(() -> new VaultKeyException("The credential vault of realm " + realm.getName()
                + " has no key-encryption key: put 32 random bytes, Base64, in Keycloak's vault as '" + CURRENT
                + "' (with --vault=file: the file " + realm.getName() + "_" + CURRENT + "), or choose another key source with "
                + "--spi-kcentra-vault-keys--provider."));
    }

    @Override
    public List<KeyEncryptionKey> known(RealmModel realm) {
        List<KeyEncryptionKey> keys = new ArrayList<>(2);
        read(realm, CURRENT).ifPresent(keys::add);
        read(realm, PREVIOUS).ifPresent(keys::add);
        return keys;
    }

    private Optional<KeyEncryptionKey> read(RealmModel realm, String name) {
        // The vault resolves ${vault.x} against the session's realm.
        RealmModel before = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try (VaultStringSecret secret = session.vault().getStringSecret("${vault." + name + "}")) {
            Optional<String> value = secret.get();
            if (value.isEmpty()) {
                return Optional.empty();
            }
            byte[] material;
            try {
                material = Base64.getDecoder().decode(value.get().trim());
            } catch (IllegalArgumentException e) {
                throw new VaultKeyException("The vault secret '" + name + "' of realm " + realm.getName() + " is not Base64.");
            }
            if (material.length != 32) {
                throw new VaultKeyException("The vault secret '" + name + "' of realm " + realm.getName()
                        + " must be Base64 of 32 random bytes (256 bits), is " + material.length + " bytes.");
            }
            return Optional.of(KeyEncryptionKey.fromMaterial(material));
        } finally {
            session.getContext().setRealm(before);
        }
    }
}
