package dev.kcentra.vault.keys;

import org.keycloak.provider.ProviderFactory;

public interface VaultKeySourceFactory extends ProviderFactory<VaultKeySource> {
}
