package dev.kcentra.vault.launch;

import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/**
 * An app's "second factor before launch": the level of authentication (Keycloak's step-up, {@code acr}) that the
 * My apps sign-in reached in this browser session, against what the app requires.
 */
public final class StepUp {

    private StepUp() {
    }

    /** The highest level the realm's browser flow can reach: 1 without step-up conditions. */
    public static int highestLevel(RealmModel realm) {
        return LoAUtil.getLoAConfiguredInRealmBrowserFlow(realm).mapToInt(Integer::intValue).max().orElse(1);
    }

    static int currentLevel(RealmModel realm, UserSessionModel userSession) {
        ClientModel client = realm.getClientByClientId(MyAppsClient.CLIENT_ID);
        AuthenticatedClientSessionModel clientSession = client == null ? null : userSession.getAuthenticatedClientSessionByClient(client.getId());
        return clientSession == null ? Constants.NO_LOA : LoAUtil.getCurrentLevelOfAuthentication(clientSession);
    }
}
