package dev.kcentra.vault.keys;

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

/**
 * Keys from a PKCS#12 file: {@code --spi-kcentra-vault-keys--keystore--file} and {@code --password}. The opened file is
 * kept until it changes on disk (opening PKCS#12 costs a key derivation), so an operator's new key is seen without a
 * restart.
 */
public class KeystoreKeySourceFactory implements VaultKeySourceFactory {

    public static final String PROVIDER_ID = "keystore";
    static final String FILE = "file";
    static final String PASSWORD = "password";

    private Path file;
    private char[] password;
    private volatile Opened opened;

    private record Opened(FileTime modified, KeystoreKeys keys) {
    }

    @Override
    public VaultKeySource create(KeycloakSession session) {
        return new KeystoreKeySource(this::keys);
    }

    KeystoreKeys keys() {
        if (file == null) {
            throw new VaultKeyException("The credential vault has no key-encryption keys: set the server option "
                    + "--spi-kcentra-vault-keys--keystore--file (and --spi-kcentra-vault-keys--keystore--password).");
        }
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new VaultKeyException("The vault keystore " + file + " does not exist.", e);
        }
        Opened current = opened;
        if (current == null || !current.modified().equals(modified)) {
            current = new Opened(modified, KeystoreKeys.open(file, password));
            opened = current;
        }
        return current.keys();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
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
