package dev.kcentra.vault.crypto;

/**
 * A secret as stored: the ciphertext under its own data key, and that data key wrapped by the realm's
 * key-encryption key {@code kekId}. Nothing here decrypts without the key-encryption key.
 *
 * @param kekId          the key-encryption key that wrapped the data key
 * @param wrappedDataKey IV (12 bytes) followed by the AES-GCM encryption of the 32-byte data key and its tag
 * @param ciphertext     IV (12 bytes) followed by the AES-GCM encryption of the secret and its tag
 */
public record SealedSecret(String kekId, byte[] wrappedDataKey, byte[] ciphertext) {

    public SealedSecret {
        wrappedDataKey = wrappedDataKey.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] wrappedDataKey() {
        return wrappedDataKey.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }
}
