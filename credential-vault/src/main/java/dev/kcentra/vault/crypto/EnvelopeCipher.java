package dev.kcentra.vault.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Envelope encryption of shared passwords: AES-256-GCM under a fresh data key per sealing, the data key wrapped
 * (AES-256-GCM) by the realm's key-encryption key. The realm id and the credential id are authenticated as associated
 * data of both layers, so a secret moved to another realm or credential row does not decrypt. Any mismatch fails
 * closed with a {@link VaultKeyException}.
 */
public final class EnvelopeCipher {

    private static final String AES_GCM = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String FORMAT = "kcentra-vault/v1";

    private final SecureRandom random = new SecureRandom();

    public SealedSecret seal(KeyEncryptionKey kek, String realmId, String credentialId, byte[] secret) {
        SecretKey dataKey = newDataKey();
        try {
            byte[] ciphertext = encrypt(dataKey, secret, aad(realmId, credentialId, "secret"));
            byte[] wrapped = encrypt(kek.secretKey(), dataKey.getEncoded(), aad(realmId, credentialId, "data-key"));
            return new SealedSecret(kek.id(), wrapped, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws VaultKeyException when the key is not the one that sealed it, or realm, credential or bytes differ */
    public byte[] open(KeyEncryptionKey kek, String realmId, String credentialId, SealedSecret sealed) {
        SecretKey dataKey = unwrap(kek, realmId, credentialId, sealed);
        byte[] aad = aad(realmId, credentialId, "secret");
        try {
            return decrypt(dataKey, sealed.ciphertext(), aad);
        } catch (AEADBadTagException e) {
            throw new VaultKeyException("The stored secret of credential " + credentialId + " fails its integrity check.", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new VaultKeyException("The stored secret of credential " + credentialId + " cannot be read.", e);
        }
    }

    /** The same secret under a new key-encryption key: only the data key is unwrapped and wrapped again. */
    public SealedSecret rewrap(KeyEncryptionKey from, KeyEncryptionKey to, String realmId, String credentialId, SealedSecret sealed) {
        SecretKey dataKey = unwrap(from, realmId, credentialId, sealed);
        try {
            byte[] wrapped = encrypt(to.secretKey(), dataKey.getEncoded(), aad(realmId, credentialId, "data-key"));
            return new SealedSecret(to.id(), wrapped, sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private SecretKey unwrap(KeyEncryptionKey kek, String realmId, String credentialId, SealedSecret sealed) {
        if (!kek.id().equals(sealed.kekId())) {
            throw new VaultKeyException("Credential " + credentialId + " was sealed with key-encryption key '" + sealed.kekId()
                    + "', not '" + kek.id() + "'.");
        }
        byte[] aad = aad(realmId, credentialId, "data-key");
        try {
            byte[] material = decrypt(kek.secretKey(), sealed.wrappedDataKey(), aad);
            SecretKey dataKey = new SecretKeySpec(material, "AES");
            Arrays.fill(material, (byte) 0);
            return dataKey;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new VaultKeyException("Key-encryption key '" + kek.id() + "' cannot unwrap the data key of credential "
                    + credentialId + " in this realm: wrong key, or the row was moved.", e);
        }
    }

    private SecretKey newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
    }

    private byte[] encrypt(SecretKey key, byte[] plaintext, byte[] aad) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance(AES_GCM);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(aad);
        byte[] encrypted = cipher.doFinal(plaintext);
        byte[] out = new byte[IV_BYTES + encrypted.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(encrypted, 0, out, IV_BYTES, encrypted.length);
        return out;
    }

    private static byte[] decrypt(SecretKey key, byte[] ivAndCiphertext, byte[] aad) throws GeneralSecurityException {
        if (ivAndCiphertext.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("too short");
        }
        Cipher cipher = Cipher.getInstance(AES_GCM);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndCiphertext, 0, IV_BYTES));
        cipher.updateAAD(aad);
        return cipher.doFinal(ivAndCiphertext, IV_BYTES, ivAndCiphertext.length - IV_BYTES);
    }

    /** Length-prefixed, so that no realm/credential pair can be made to collide with another. */
    private static byte[] aad(String realmId, String credentialId, String layer) {
        StringBuilder aad = new StringBuilder(FORMAT);
        for (String part : new String[] {layer, realmId, credentialId}) {
            if (part == null) {
                throw new IllegalArgumentException("realm id and credential id are required");
            }
            aad.append('|').append(part.length()).append(':').append(part);
        }
        return aad.toString().getBytes(StandardCharsets.UTF_8);
    }
}
