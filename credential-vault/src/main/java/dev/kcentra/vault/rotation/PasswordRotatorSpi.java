package dev.kcentra.vault.rotation;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** {@code kcentra-vault-rotator}: how a shared password is changed at the app. Built in: {@code webhook}, {@code manual}. */
public class PasswordRotatorSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "kcentra-vault-rotator";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return PasswordRotator.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PasswordRotatorFactory.class;
    }
}
