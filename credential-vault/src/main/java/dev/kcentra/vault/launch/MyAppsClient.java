package dev.kcentra.vault.launch;

import dev.kcentra.common.web.PageClient;

/** The public client through which users sign in to "My apps"; created with the realm's first password app. */
public final class MyAppsClient {

    public static final String CLIENT_ID = "kcentra-my-apps";
    public static final PageClient PAGE = new PageClient(CLIENT_ID, "kcentraMyAppsTitle", MyAppsResourceProviderFactory.PROVIDER_ID);

    private MyAppsClient() {
    }
}
