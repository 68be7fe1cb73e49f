package dev.kcentra.vault.crypto;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Collections;
import java.util.List;
import java.security.UnrecoverableKeyException;

/**
 * Key-encryption keys from a PKCS#12 keystore outside the database (the SPI option's file): one AES-256 secret-key
 * entry per key. Every problem names the file and alias, never key material.
 */
public final class KeystoreKeys {

    private final Path file;
    private final KeyStore keyStore;
    private final char[] password;

    private KeystoreKeys(Path file, KeyStore keyStore, char[] password) {
        this.file = file;
        this.keyStore = keyStore;
        this.password = password;
    }

    /** @throws VaultKeyException when the file is missing, unreadable, not PKCS#12 or the password is wrong */
    public static KeystoreKeys open(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            return new KeystoreKeys(file, keyStore, password.clone());
        } catch (NoSuchFileException e) {
            throw new VaultKeyException("The vault keystore " + file + " does not exist.", e);
        } catch (IOException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnrecoverableKeyException) {
                throw new VaultKeyException("The vault keystore " + file + " cannot be opened with the configured password.", e);
            }
            throw new VaultKeyException("The vault keystore " + file + " cannot be read as PKCS#12: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new VaultKeyException("The vault keystore " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Aliases of the file, for finding a realm's older keys. */
    public synchronized List<String> aliases() {
        try {
            return Collections.list(keyStore.aliases());
        } catch (KeyStoreException e) {
            throw new VaultKeyException("The vault keystore " + file + " cannot list its keys: " + e.getMessage(), e);
        }
    }

    /** @throws VaultKeyException when the alias is missing or is not a 256-bit AES secret key */
    public synchronized KeyEncryptionKey key(String alias) {
        try {
            if (!keyStore.containsAlias(alias)) {
                throw new VaultKeyException("The vault keystore " + file + " has no key '" + alias + "'.");
            }
            if (!keyStore.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
                throw new VaultKeyException("The entry '" + alias + "' of the vault keystore " + file + " is not a secret key.");
            }
            SecretKey key = ((KeyStore.SecretKeyEntry) keyStore.getEntry(alias, new KeyStore.PasswordProtection(password))).getSecretKey();
            if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
                throw new VaultKeyException("The key '" + alias + "' of the vault keystore " + file + " is " + key.getAlgorithm() + ", not AES.");
            }
            return KeyEncryptionKey.fromMaterial(key.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new VaultKeyException("The key '" + alias + "' of the vault keystore " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
