package dev.kcentra.vault.keys;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * {@code kcentra-vault-keys}: choose with {@code --spi-kcentra-vault-keys--provider=keystore|keycloak-vault}
 * (default {@code keystore}, whose keys no realm setting can reference).
 */
public class VaultKeySourceSpi implements Spi {

    public static final String NAME = "kcentra-vault-keys";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return VaultKeySource.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return VaultKeySourceFactory.class;
    }
}
