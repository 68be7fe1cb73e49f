package dev.kcentra.vault.admin;

import dev.kcentra.vault.crypto.KeyEncryptionKey;
import dev.kcentra.vault.crypto.KeystoreKeys;
import dev.kcentra.vault.crypto.VaultKeyException;
import org.keycloak.models.RealmModel;

import java.nio.file.Path;

/**
 * Where realms' key-encryption keys come from: the PKCS#12 keystore named by the server options
 * {@code --spi-admin-realm-restapi-extension--kcentra-vault--keystore} and {@code ...--keystore-password}, one AES-256
 * entry per realm, its alias being the realm's name. Without them the vault stores nothing.
 */
final class VaultKeys {

    private final String keystore;
    private final String password;

    VaultKeys(String keystore, String password) {
        this.keystore = keystore;
        this.password = password;
    }

    KeyEncryptionKey forRealm(RealmModel realm) {
        if (keystore == null || keystore.isBlank()) {
            throw new VaultKeyException("The credential vault has no key-encryption keys: set the server option "
                    + "--spi-admin-realm-restapi-extension--kcentra-vault--keystore (and --keystore-password).");
        }
        return KeystoreKeys.open(Path.of(keystore), password == null ? new char[0] : password.toCharArray()).key(realm.getName());
    }
}
