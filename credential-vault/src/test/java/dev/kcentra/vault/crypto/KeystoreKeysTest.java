package dev.kcentra.vault.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeystoreKeysTest {

    private static final char[] PASSWORD = "keystore-secret".toCharArray();

    @TempDir
    Path dir;

    private Path keystore(String alias, SecretKey key) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(PASSWORD));
        Path file = dir.resolve("vault.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }

    private static SecretKey aes(int bits) throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(bits);
        return generator.generateKey();
    }

    @Test
    void anAes256EntryIsAKeyEncryptionKeyNamedByItsFingerprintNotItsAlias() throws Exception {
        SecretKey key = aes(256);
        KeyEncryptionKey kek = KeystoreKeys.open(keystore("realm-a-2026", key), PASSWORD).key("realm-a-2026");
        assertEquals(KeyEncryptionKey.fromMaterial(key.getEncoded()).id(), kek.id());
        assertTrue(kek.id().matches("kek-[0-9a-f]{16}"), kek.id());
        assertNotEquals(kek.id(), KeystoreKeys.open(keystore("realm-a-2026", aes(256)), PASSWORD).key("realm-a-2026").id(),
                "another key under the same alias has another id");
        EnvelopeCipher cipher = new EnvelopeCipher();
        byte[] secret = {1, 2, 3};
        assertArrayEquals(secret, cipher.open(kek, "r", "c", cipher.seal(kek, "r", "c", secret)));
    }

    @Test
    void everyProblemFailsClosedAndNamesFileAndAlias() throws Exception {
        Path file = keystore("realm-a-2026", aes(256));
        assertTrue(assertThrows(VaultKeyException.class, () -> KeystoreKeys.open(dir.resolve("missing.p12"), PASSWORD))
                .getMessage().contains("does not exist"));
        assertTrue(assertThrows(VaultKeyException.class, () -> KeystoreKeys.open(file, "wrong".toCharArray()))
                .getMessage().contains("cannot be opened with the configured password"));
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a keystore");
        assertThrows(VaultKeyException.class, () -> KeystoreKeys.open(garbage, PASSWORD));
        assertTrue(assertThrows(VaultKeyException.class, () -> KeystoreKeys.open(file, PASSWORD).key("realm-b"))
                .getMessage().contains("has no key 'realm-b'"));
        Path small = keystore("small", aes(128));
        assertTrue(assertThrows(VaultKeyException.class, () -> KeystoreKeys.open(small, PASSWORD).key("small"))
                .getMessage().contains("must be 256 bits"));
    }
}
