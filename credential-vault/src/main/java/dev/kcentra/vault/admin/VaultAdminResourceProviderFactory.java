package dev.kcentra.vault.admin;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

import java.util.List;

/** {@code /admin/realms/{realm}/kcentra-vault}: the shared-credential vault's admin REST. */
public class VaultAdminResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String PROVIDER_ID = "kcentra-vault";
    static final String KEYSTORE = "keystore";
    static final String KEYSTORE_PASSWORD = "keystore-password";

    private VaultKeys keys;

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new VaultAdminResourceProvider(keys);
    }

    @Override
    public void init(Config.Scope config) {
        keys = new VaultKeys(config.get(KEYSTORE), config.get(KEYSTORE_PASSWORD));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(KEYSTORE).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("PKCS#12 keystore with one AES-256 key-encryption key per realm (alias = realm name).").add()
                .property().name(KEYSTORE_PASSWORD).type(ProviderConfigProperty.PASSWORD)
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
