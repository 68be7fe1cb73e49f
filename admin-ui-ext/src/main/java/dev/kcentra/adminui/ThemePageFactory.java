package dev.kcentra.adminui;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * What our declarative admin pages share: they hold no settings of their own (the pages edit the Entra connection,
 * the vault and the links through their admin REST), so Keycloak's generic form has nothing to show; the admin
 * theme {@code kcentra} draws them.
 */
abstract class ThemePageFactory {

    static final String THEME_NEEDED = "Shown by the admin theme 'kcentra' (Realm settings > Themes > Admin theme of the "
            + "realm you sign in to the console with).";

    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    public void init(Config.Scope config) {
    }

    public void postInit(KeycloakSessionFactory factory) {
    }

    public void close() {
    }
}
