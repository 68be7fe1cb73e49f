package dev.kcentra.testsupport;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The credential vault's key-encryption keys for the test server: a PKCS#12 file outside the database with one
 * fresh AES-256 key per realm name listed here. Realms not listed have no key, on purpose.
 */
public final class VaultTestKeystore {

    public static final String PASSWORD = "vault-keystore-test";
    public static final List<String> REALMS = List.of("kcentra-vault-a", "kcentra-vault-b", "entra-demo", "kcentra-vault-send");

    private static final AtomicInteger CHANGES = new AtomicInteger();
    private static Path file;
    private static Path keycloakVaultDir;

    private VaultTestKeystore() {
    }

    public static synchronized Path file() {
        if (file == null) {
            file = create();
        }
        return file;
    }

    /** The directory of Keycloak's own file vault ({@code --vault=file}) for the test server: empty at first. */
    public static synchronized Path keycloakVaultDir() {
        if (keycloakVaultDir == null) {
            try {
                keycloakVaultDir = Files.createTempDirectory("kcentra-keycloak-vault");
                keycloakVaultDir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keycloakVaultDir;
    }

    /** The realm's current key-encryption key as the keystore holds it (a test compares it with what left the server). */
    public static synchronized byte[] currentKey(String realm) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file())) {
                store.load(in, PASSWORD.toCharArray());
            }
            return store.getKey(realm, PASSWORD.toCharArray()).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the vault test keystore", e);
        }
    }

    /**
     * An operator's key rotation: the realm's key moves to the alias {@code <realm>.<suffix>} (still opens old rows)
     * and a fresh key takes the alias {@code <realm>}. The server sees the file change without a restart.
     */
    public static synchronized void rotate(String realm, String suffix) {
        try {
            Path path = file();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(path)) {
                store.load(in, PASSWORD.toCharArray());
            }
            KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(PASSWORD.toCharArray());
            store.setEntry(realm + "." + suffix, store.getEntry(realm, protection), protection);
            store.setEntry(realm, new KeyStore.SecretKeyEntry(newKey()), protection);
            write(store, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot rotate the vault test key", e);
        }
    }

    /** The end of a rotation: the old key is gone from the file. */
    public static synchronized void forget(String realm, String suffix) {
        try {
            Path path = file();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(path)) {
                store.load(in, PASSWORD.toCharArray());
            }
            store.deleteEntry(realm + "." + suffix);
            write(store, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot change the vault test keystore", e);
        }
    }

    private static Path create() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (String realm : REALMS) {
                store.setEntry(realm, new KeyStore.SecretKeyEntry(newKey()), new KeyStore.PasswordProtection(PASSWORD.toCharArray()));
            }
            Path created = Files.createTempFile("kcentra-vault", ".p12");
            created.toFile().deleteOnExit();
            write(store, created);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the vault test keystore", e);
        }
    }

    private static SecretKey newKey() throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }

    /** Written beside and moved over, so the server never reads half a file; the mtime step makes the change visible. */
    private static void write(KeyStore store, Path path) throws IOException, GeneralSecurityException {
        Path next = path.resolveSibling(path.getFileName() + ".next");
        try (OutputStream out = Files.newOutputStream(next)) {
            store.store(out, PASSWORD.toCharArray());
        }
        Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(path, FileTime.fromMillis(System.currentTimeMillis() + 1000 * CHANGES.incrementAndGet()));
    }
}
