package dev.kcentra.adminui;

import org.keycloak.component.ComponentModel;
import org.keycloak.services.ui.extend.UiTabProviderFactory;

import java.util.Map;

/**
 * The tab "Entra ID & linked accounts" on every user: Entra object id, tenant, guest flag, SSO, last sync, and the
 * user's linked accounts with unlink. The tab's route is answered by the admin theme {@code kcentra}.
 */
public class UserEntraTabFactory extends ThemePageFactory implements UiTabProviderFactory<ComponentModel> {

    public static final String PROVIDER_ID = "kcentra-user-entra";
    /** The last path segment of the tab's route; admin-ui-ext's routes.tsx answers it. */
    static final String TAB = "kcentra-entra";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "A user's Entra ID facts and linked accounts. " + THEME_NEEDED;
    }

    @Override
    public String getPath() {
        return "/:realm/users/:id/:tab";
    }

    @Override
    public Map<String, String> getParams() {
        return Map.of("tab", TAB);
    }
}
