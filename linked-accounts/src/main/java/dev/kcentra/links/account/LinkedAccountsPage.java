package dev.kcentra.links.account;

import dev.kcentra.common.web.PageClient;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/** The public client through which users sign in to "Linked accounts"; every realm has it. */
public final class LinkedAccountsPage {

    public static final String CLIENT_ID = "kcentra-linked-accounts";
    public static final PageClient CLIENT = new PageClient(CLIENT_ID, "kcentraLinksTitle", LinkedAccountsResourceProviderFactory.PROVIDER_ID);

    private LinkedAccountsPage() {
    }

    /** An event of something done from the page (or a sign-in it started), in the master's browser session. */
    public static EventBuilder event(KeycloakSession session, RealmModel realm, UserSessionModel masterSession) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection()).session(masterSession);
        ClientModel client = realm.getClientByClientId(CLIENT_ID);
        return client == null ? event : event.client(client);
    }
}
