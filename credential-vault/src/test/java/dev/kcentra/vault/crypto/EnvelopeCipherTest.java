package dev.kcentra.vault.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeCipherTest {

    private static final byte[] SECRET = "Legacy-App-Password-1!".getBytes(StandardCharsets.UTF_8);
    private final EnvelopeCipher cipher = new EnvelopeCipher();
    private final KeyEncryptionKey kek = KeyEncryptionKey.of("realm-a-2026", filled(1));
    private final KeyEncryptionKey otherKek = KeyEncryptionKey.of("realm-a-2027", filled(2));

    private static byte[] filled(int value) {
        byte[] material = new byte[32];
        Arrays.fill(material, (byte) value);
        return material;
    }

    @Test
    void sealedSecretsOpenWithTheirKeyRealmAndCredential() {
        SealedSecret sealed = cipher.seal(kek, "realm-a", "cred-1", SECRET);
        assertArrayEquals(SECRET, cipher.open(kek, "realm-a", "cred-1", sealed));
        assertEquals("realm-a-2026", sealed.kekId());
    }

    @Test
    void theStoredBytesHoldNoPlaintextAndEverySealingIsDifferent() {
        SealedSecret first = cipher.seal(kek, "realm-a", "cred-1", SECRET);
        SealedSecret second = cipher.seal(kek, "realm-a", "cred-1", SECRET);
        String stored = new String(first.ciphertext(), StandardCharsets.ISO_8859_1) + new String(first.wrappedDataKey(), StandardCharsets.ISO_8859_1);
        assertFalse(stored.contains("Legacy-App-Password"));
        assertFalse(Arrays.equals(first.ciphertext(), second.ciphertext()), "fresh data key and IV each time");
        assertFalse(Arrays.equals(first.wrappedDataKey(), second.wrappedDataKey()));
    }

    @Test
    void anotherRealmOrCredentialCannotDecrypt() {
        SealedSecret sealed = cipher.seal(kek, "realm-a", "cred-1", SECRET);
        VaultKeyException movedRealm = assertThrows(VaultKeyException.class, () -> cipher.open(kek, "realm-b", "cred-1", sealed));
        assertTrue(movedRealm.getMessage().contains("wrong key, or the row was moved"), movedRealm.getMessage());
        assertThrows(VaultKeyException.class, () -> cipher.open(kek, "realm-a", "cred-2", sealed));
        assertThrows(VaultKeyException.class, () -> cipher.open(kek, "realm-a|", "cred-1", sealed));
    }

    @Test
    void aWrongOrUnfitKeyFailsClosedWithAClearMessage() {
        SealedSecret sealed = cipher.seal(kek, "realm-a", "cred-1", SECRET);
        VaultKeyException otherId = assertThrows(VaultKeyException.class, () -> cipher.open(otherKek, "realm-a", "cred-1", sealed));
        assertTrue(otherId.getMessage().contains("was sealed with key-encryption key 'realm-a-2026'"), otherId.getMessage());
        KeyEncryptionKey sameIdWrongBytes = KeyEncryptionKey.of("realm-a-2026", filled(9));
        assertThrows(VaultKeyException.class, () -> cipher.open(sameIdWrongBytes, "realm-a", "cred-1", sealed));
        VaultKeyException tooShort = assertThrows(VaultKeyException.class, () -> KeyEncryptionKey.of("k", new byte[16]));
        assertTrue(tooShort.getMessage().contains("must be 256 bits"), tooShort.getMessage());
        assertThrows(VaultKeyException.class, () -> KeyEncryptionKey.of("k", null));
        assertThrows(VaultKeyException.class, () -> KeyEncryptionKey.of(" ", filled(1)));
        assertFalse(kek.toString().contains("\u0001"), "toString never shows key material");
    }

    @Test
    void tamperedBytesAreRefused() {
        SealedSecret sealed = cipher.seal(kek, "realm-a", "cred-1", SECRET);
        byte[] ciphertext = sealed.ciphertext();
        ciphertext[ciphertext.length - 1] ^= 1;
        SealedSecret tampered = new SealedSecret(sealed.kekId(), sealed.wrappedDataKey(), ciphertext);
        VaultKeyException refused = assertThrows(VaultKeyException.class, () -> cipher.open(kek, "realm-a", "cred-1", tampered));
        assertTrue(refused.getMessage().contains("integrity check"), refused.getMessage());
        assertThrows(VaultKeyException.class, () -> cipher.open(kek, "realm-a", "cred-1",
                new SealedSecret(sealed.kekId(), sealed.wrappedDataKey(), new byte[3])));
        assertThrows(VaultKeyException.class, () -> cipher.open(kek, "realm-a", "cred-1",
                new SealedSecret(sealed.kekId(), new byte[0], sealed.ciphertext())));
    }

    @Test
    void rotatingTheKeyEncryptionKeyRewrapsOnlyTheDataKey() {
        SealedSecret sealed = cipher.seal(kek, "realm-a", "cred-1", SECRET);
        SealedSecret rewrapped = cipher.rewrap(kek, otherKek, "realm-a", "cred-1", sealed);
        assertEquals("realm-a-2027", rewrapped.kekId());
        assertArrayEquals(sealed.ciphertext(), rewrapped.ciphertext(), "the secret itself is not re-encrypted");
        assertNotEquals(Arrays.toString(sealed.wrappedDataKey()), Arrays.toString(rewrapped.wrappedDataKey()));
        assertArrayEquals(SECRET, cipher.open(otherKek, "realm-a", "cred-1", rewrapped));
        assertThrows(VaultKeyException.class, () -> cipher.open(kek, "realm-a", "cred-1", rewrapped), "the old key no longer opens it");
        assertThrows(VaultKeyException.class, () -> cipher.rewrap(otherKek, kek, "realm-b", "cred-1", rewrapped));
    }

    @Test
    void sealedSecretsDoNotShareTheirArrays() {
        byte[] wrapped = {1, 2, 3};
        SealedSecret sealed = new SealedSecret("k", wrapped, new byte[] {4});
        wrapped[0] = 9;
        sealed.wrappedDataKey()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, sealed.wrappedDataKey());
    }
}
