package dev.kcentra.vault.keys;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Keys from Keycloak's own vault ({@code --vault=file|keystore}): the realm's secrets {@code kcentra-vault-kek[-previous]}.
 * Not the default: every vault-aware field of the realm (the SMTP password, an identity provider's client secret, an
 * LDAP bind credential) can reference any of the realm's vault secrets, and Keycloak sends such a field's value to
 * the host an admin configured, so a realm admin could have the key sent out. Choose it only where realm admins may
 * hold the key ({@code --spi-kcentra-vault-keys--provider=keycloak-vault}).
 */
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
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
