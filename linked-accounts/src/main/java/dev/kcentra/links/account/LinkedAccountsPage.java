package dev.kcentra.links.account;

import dev.kcentra.common.web.PageClient;

/** The public client through which users sign in to "Linked accounts"; every realm has it. */
public final class LinkedAccountsPage {

    public static final String CLIENT_ID = "kcentra-linked-accounts";
    public static final PageClient CLIENT = new PageClient(CLIENT_ID, "kcentraLinksTitle", LinkedAccountsResourceProviderFactory.PROVIDER_ID);

    private LinkedAccountsPage() {
    }
}
