package dev.kcentra.common.web;

import jakarta.ws.rs.core.Cookie;
import org.keycloak.TokenVerifier;
import org.keycloak.common.util.Base64Url;
import org.keycloak.common.util.Time;
import org.keycloak.cookie.CookieType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.util.TokenUtil;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
        String cookie = identityCookie(session);
        if (cookie == null) {
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

    /**
     * What a request made seconds later by the same browser needs to be recognised without verifying its identity cookie
     * again (a key lookup, a JSON parse and a signature): the cookie's hash, its validity and its session.
     */
    public record Seen(String userSessionId, String cookieHash, int expires, int issuedAt) {

        public static Seen of(KeycloakSession session, AuthenticationManager.AuthResult verified) {
            Long exp = verified.token().getExp();
            Long iat = verified.token().getIat();
            return new Seen(verified.session().getId(), hash(identityCookie(session)), exp == null ? Integer.MAX_VALUE : exp.intValue(),
                    iat == null ? 0 : iat.intValue());
        }
    }

    /**
     * The browser session seen in {@code seen}, if this request carries the very identity cookie verified then and the
     * session is still valid now (not signed out or expired, user enabled, realm not revoked since): for a second step
     * that a secret single-use value (which {@code seen} travels with) ties to the first, whose cookie was verified.
     */
    public static AuthenticationManager.AuthResult again(KeycloakSession session, RealmModel realm, Seen seen) {
        String cookie = identityCookie(session);
        if (cookie == null || !MessageDigest.isEqual(hash(cookie).getBytes(StandardCharsets.US_ASCII),
                seen.cookieHash().getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        if (Time.currentTime() >= seen.expires() || seen.issuedAt() < realm.getNotBefore()) {
            return null;
        }
        UserSessionModel userSession = session.sessions().getUserSession(realm, seen.userSessionId());
        if (!AuthenticationManager.isSessionValid(realm, userSession) || userSession.getUser() == null || !userSession.getUser().isEnabled()) {
            return null;
        }
        return new AuthenticationManager.AuthResult(userSession.getUser(), userSession, null, null);
    }

    /**
     * Read from the request, not through Keycloak's CookieProvider: creating that provider (which decides whether the
     * context is secure, parsing the user agent over plain HTTP) cost a fifth of the check.
     */
    private static String identityCookie(KeycloakSession session) {
        Cookie identity = session.getContext().getRequestHeaders().getCookies().get(CookieType.IDENTITY.getName());
        return identity == null || identity.getValue().isEmpty() ? null : identity.getValue();
    }

    private static String hash(String cookie) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256").digest(cookie.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
