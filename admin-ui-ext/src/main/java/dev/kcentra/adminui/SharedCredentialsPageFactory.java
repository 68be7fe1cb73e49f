package dev.kcentra.adminui;

import org.keycloak.component.ComponentModel;
import org.keycloak.services.ui.extend.UiPageProviderFactory;

/**
 * The realm page "Shared credentials" (credential vault): password apps, their shared credential (write-only),
 * group assignments, who has access, the access log, rotation. Drawn by the admin theme {@code kcentra}.
 */
public class SharedCredentialsPageFactory extends ThemePageFactory implements UiPageProviderFactory<ComponentModel> {

    public static final String PROVIDER_ID = "kcentra-shared-credentials";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Shared credentials of legacy password apps, their group assignments, access and rotation. " + THEME_NEEDED;
    }
}
