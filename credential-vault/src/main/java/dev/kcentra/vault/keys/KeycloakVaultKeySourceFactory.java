package dev.kcentra.vault.keys;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Keys from Keycloak's own vault ({@code --vault=file|keystore}): the realm's secrets {@code kcentra-vault-kek[-previous]}. */
public class KeycloakVaultKeySourceFactory implements VaultKeySourceFactory {

    public static final String PROVIDER_ID = "keycloak-vault";

    @Override
    public VaultKeySource create(KeycloakSession session) {
        return new KeycloakVaultKeySource(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
