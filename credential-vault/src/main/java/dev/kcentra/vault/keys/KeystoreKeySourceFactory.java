package dev.kcentra.vault.keys;

import dev.kcentra.vault.crypto.KeyEncryptionKey;
import dev.kcentra.vault.crypto.KeystoreKeys;
import dev.kcentra.vault.crypto.VaultKeyException;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys from a PKCS#12 file: {@code --spi-kcentra-vault-keys--keystore--file} and {@code --password}. The opened file is
 * kept until it changes on disk (opening PKCS#12 costs a key derivation), so an operator's new key is seen without a
 * restart. The default key source: nothing a realm admin configures can reference the file's keys.
 */
public class KeystoreKeySourceFactory implements VaultKeySourceFactory {

    public static final String PROVIDER_ID = "keystore";
    static final String FILE = "file";
    static final String PASSWORD = "password";

    private Path file;
    private char[] password;
    /** The file's modification time is looked at most once a second: every launch opens a secret. */
    private static final long CHECK_NANOS = 1_000_000_000L;

    private volatile Opened opened;

    /** One version of the file, with the keys read from it so far (each entry costs a key derivation to read). */
    private record Opened(FileTime modified, long checkedAt, KeystoreKeys file, Map<String, KeyEncryptionKey> keys, List<String> aliases)
            implements KeystoreKeySource.Keys {
        Opened checked(long at) {
            return new Opened(modified, at, file, keys, aliases);
        }

        @Override
        public KeyEncryptionKey key(String alias) {
            return keys.computeIfAbsent(alias.toLowerCase(Locale.ROOT), ignored -> file.key(alias));
        }

    }

    @Override
    public VaultKeySource create(KeycloakSession session) {
        return new KeystoreKeySource(this::keys);
    }

    KeystoreKeySource.Keys keys() {
        if (file == null) {
            throw new VaultKeyException("The credential vault has no key-encryption keys: set the server option "
                    + "--spi-kcentra-vault-keys--keystore--file (and --spi-kcentra-vault-keys--keystore--password).");
        }
        Opened current = opened;
        long now = System.nanoTime();
        if (current != null && now - current.checkedAt() < CHECK_NANOS) {
            return current;
        }
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new VaultKeyException("The vault keystore " + file + " does not exist.", e);
        }
        if (current != null && current.modified().equals(modified)) {
            current = current.checked(now);
            opened = current;
        } else {
            KeystoreKeys keys = KeystoreKeys.open(file, password);
            current = new Opened(modified, now, keys, new ConcurrentHashMap<>(), List.copyOf(keys.aliases()));
            opened = current;
        }
        return current;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    /** Above the Keycloak-vault source: the default when no provider is chosen. */
    @Override
    public int order() {
        return 10;
    }

    @Override
    public void init(Config.Scope config) {
        String configured = config.get(FILE);
        file = configured == null || configured.isBlank() ? null : Path.of(configured);
        String secret = config.get(PASSWORD);
        password = secret == null ? new char[0] : secret.toCharArray();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(FILE).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("PKCS#12 keystore with the realms' AES-256 key-encryption keys: alias = realm name for the current key, "
                        + "realm name + '.' + anything for older ones a rotation still needs.").add()
                .property().name(PASSWORD).type(ProviderConfigProperty.PASSWORD)
                .helpText("Password of the keystore and its entries.").add()
                .build();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
