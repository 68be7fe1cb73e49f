package dev.kcentra.links.account;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.OAuth2Constants;
import org.keycloak.common.util.Time;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * The fresh sign-in that the changes which hand a linked account power over its master ask for: linking an account,
 * switching "Allow authentication" on and setting a linked account's password. A session and the page's anti-forgery
 * value are not enough (a few minutes at someone else's unlocked screen would be a permanent takeover): the master
 * must have signed in within the realm's maximum age of authentication, else it signs in again first.
 * <p>
 * The maximum age is one realm setting: Keycloak's own "Maximum Age of Authentication" ({@code max_auth_age}) of the
 * required action "Link an account" ({@code kcentra-link-account}), which Keycloak also applies when an app asks for
 * that action; unset, Keycloak's default of 300 seconds.
 */
final class FreshSignIn {

    /** User-session note: the page sent the master to sign in again, to tell it why when it is back. */
    private static final String SENT_NOTE = "kcentra-links-sign-in-again";

    private FreshSignIn() {
    }

    /** The realm's maximum age of authentication for these changes, in seconds. */
    static int maxAgeSeconds(RealmModel realm) {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(LinkAccountActionFactory.PROVIDER_ID);
        RequiredActionConfigModel config = action == null ? null : realm.getRequiredActionConfigByAlias(action.getAlias());
        if (config != null && config.containsConfigKey(Constants.MAX_AUTH_AGE_KEY)) {
            try {
                int seconds = Integer.parseInt(config.getConfigValue(Constants.MAX_AUTH_AGE_KEY).trim());
                if (seconds >= 0) {
                    return seconds;
                }
            } catch (NumberFormatException e) {
                // Keycloak validates the value when it is saved; anything else falls back to the default.
            }
        }
        return Constants.KC_ACTION_MAX_AGE;
    }

    /** Whether the session's user signed in (proved itself, not merely reused the session) within the maximum age. */
    static boolean isFresh(RealmModel realm, UserSessionModel userSession) {
        String authTime = userSession.getNote(AuthenticationManager.AUTH_TIME);
        int signedInAt;
        try {
            signedInAt = authTime == null ? 0 : Integer.parseInt(authTime);
        } catch (NumberFormatException e) {
            signedInAt = 0;
        }
        return Time.currentTime() - signedInAt <= maxAgeSeconds(realm);
    }

    /** Off to Keycloak's sign-in with {@code prompt=login} (the session is not enough), back to the page. */
    static Response signInAgain(KeycloakSession session, RealmModel realm, UserSessionModel userSession) {
        userSession.setNote(SENT_NOTE, "true");
        return Response.seeOther(UriBuilder.fromUri(LinkedAccountsPage.CLIENT.signIn(session.getContext().getUri(), realm, null))
                .queryParam(OAuth2Constants.PROMPT, OIDCLoginProtocol.PROMPT_VALUE_LOGIN).build()).build();
    }

    /** Whether the master is back, freshly signed in, from {@link #signInAgain} (once). */
    static boolean back(RealmModel realm, UserSessionModel userSession) {
        if (userSession.getNote(SENT_NOTE) == null || !isFresh(realm, userSession)) {
            return false;
        }
        userSession.removeNote(SENT_NOTE);
        return true;
    }
}
