package dev.kcentra.adminui;

import org.keycloak.component.ComponentModel;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * The realm page "Entra SSO" in the admin console's Configure menu. Keycloak draws the menu entry for every
 * declarative page; the admin theme {@code kcentra} answers its route with the Entra SSO page (SSO switches,
 * sync status, users SSO would strand, set-password emails).
 */
public class EntraSsoPageFactory extends ThemePageFactory implements UiPageProviderFactory<ComponentModel> {

    public static final String PROVIDER_ID = "kcentra-entra-sso";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "SSO for the realm's Entra ID users: who signs in with Microsoft, sync status, set-password emails. "
                + THEME_NEEDED;
    }
}
