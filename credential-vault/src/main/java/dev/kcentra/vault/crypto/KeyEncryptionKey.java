package dev.kcentra.vault.crypto;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A realm's key-encryption key: 256 bits of AES key that never sit in the database (they come from Keycloak's vault
 * or a keystore), and the id stored next to each wrapped data key so that a rotation knows which key wrapped it.
 */
public final class KeyEncryptionKey {

    private final String id;
    private final SecretKey key;

    private KeyEncryptionKey(String id, SecretKey key) {
        this.id = id;
        this.key = key;
    }

    /** @throws VaultKeyException when the material is not exactly 32 bytes or the id is blank */
    public static KeyEncryptionKey of(String id, byte[] material) {
        if (id == null || id.isBlank()) {
            throw new VaultKeyException("The key-encryption key needs an id.");
        }
        if (material == null || material.length != 32) {
            throw new VaultKeyException("The key-encryption key '" + id + "' must be 256 bits (32 bytes), was "
                    + (material == null ? "missing" : material.length * 8 + " bits") + ".");
        }
        return new KeyEncryptionKey(id, new SecretKeySpec(Arrays.copyOf(material, 32), "AES"));
    }

    /**
     * A key named by its fingerprint (HMAC-SHA-256 of a fixed label under the key), so that the id stored beside a
     * wrapped data key still names the right key after an operator renames or replaces aliases during a rotation.
     */
    public static KeyEncryptionKey fromMaterial(byte[] material) {
        if (material == null || material.length != 32) {
            return of("unnamed", material);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            byte[] digest = mac.doFinal("kcentra-vault key-encryption key id".getBytes(StandardCharsets.UTF_8));
            return of("kek-" + HexFormat.of().formatHex(digest, 0, 8), material);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public String id() {
        return id;
    }

    SecretKey secretKey() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyEncryptionKey that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    /** Never the key material. */
    @Override
    public String toString() {
        return "KeyEncryptionKey[" + id + "]";
    }
}
