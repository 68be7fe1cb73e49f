package dev.kcentra.common.web;

import jakarta.ws.rs.core.Cookie;
import org.keycloak.TokenVerifier;
import org.keycloak.common.util.Time;
import org.keycloak.cookie.CookieType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.util.TokenUtil;

import java.util.List;

/**
 * The browser's Keycloak session (its identity cookie), as Keycloak's own pages check it, except that using our pages
 * counts as activity at most once a minute: a vault launch is two requests, and every session refresh is a write of
 * the persistent session to the database.
 */
public final class BrowserSession {

    private static final int REFRESH_SECONDS = 60;
    private static final TokenVerifier.TokenTypeCheck IDENTITY_COOKIE = new TokenVerifier.TokenTypeCheck(List.of(TokenUtil.TOKEN_TYPE_KEYCLOAK_ID));

    private BrowserSession() {
    }

    public static AuthenticationManager.AuthResult authenticate(KeycloakSession session, RealmModel realm) {
        // Read from the request, not through Keycloak's CookieProvider: creating that provider (which decides whether the
        // context is secure, parsing the user agent over plain HTTP) cost a fifth of this check.
        Cookie identity = session.getContext().getRequestHeaders().getCookies().get(CookieType.IDENTITY.getName());
        String cookie = identity == null ? null : identity.getValue();
        if (cookie == null || cookie.isEmpty()) {
            return null;
        }
        AuthenticationManager.AuthResult result = AuthenticationManager.verifyIdentityToken(session, realm, session.getContext().getUri(),
                session.getContext().getConnection(), true, false, null, true, cookie, session.getContext().getRequestHeaders(),
                verifier -> verifier.withChecks(IDENTITY_COOKIE));
        if (result == null || result.session() == null) {
            AuthenticationManager.expireIdentityCookie(session);
            return null;
        }
        int now = Time.currentTime();
        if (now - result.session().getLastSessionRefresh() >= REFRESH_SECONDS) {
            result.session().setLastSessionRefresh(now);
        }
        return result;
    }
}
