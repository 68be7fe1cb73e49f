package dev.kcentra.testsupport;

import javax.crypto.KeyGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

/**
 * The credential vault's key-encryption keys for the test server: a PKCS#12 file outside the database with one
 * fresh AES-256 key per realm name listed here. Realms not listed have no key, on purpose.
 */
public final class VaultTestKeystore {

    public static final String PASSWORD = "vault-keystore-test";
    public static final List<String> REALMS = List.of("kcentra-vault-a", "kcentra-vault-b");

    private static Path file;

    private VaultTestKeystore() {
    }

    public static synchronized Path file() {
        if (file == null) {
            file = create();
        }
        return file;
    }

    private static Path create() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            for (String realm : REALMS) {
                store.setEntry(realm, new KeyStore.SecretKeyEntry(generator.generateKey()),
                        new KeyStore.PasswordProtection(PASSWORD.toCharArray()));
            }
            Path created = Files.createTempFile("kcentra-vault", ".p12");
            created.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(created)) {
                store.store(out, PASSWORD.toCharArray());
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the vault test keystore", e);
        }
    }
}
