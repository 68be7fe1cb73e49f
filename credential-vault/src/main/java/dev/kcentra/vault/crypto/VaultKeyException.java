package dev.kcentra.vault.crypto;

/** A key is wrong, missing or unfit: the vault fails closed and says which key, never what it protects. */
public class VaultKeyException extends RuntimeException {

    public VaultKeyException(String message) {
        super(message);
    }

    public VaultKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
