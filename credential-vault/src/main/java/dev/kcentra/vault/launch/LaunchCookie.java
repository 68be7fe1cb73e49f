package dev.kcentra.vault.launch;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.net.URI;

/**
 * Carries a launch token from the launch to its redemption: HttpOnly (no script reads it), SameSite=Strict (no other
 * site's page can make the browser send it), limited to the redemption path and to the token's lifetime, Secure over
 * HTTPS. The redemption expires it whatever the outcome.
 */
final class LaunchCookie {

    static final String NAME = "KCENTRA_LAUNCH";

    private LaunchCookie() {
    }

    static NewCookie carrying(URI go, String token, int seconds) {
        return new NewCookie.Builder(NAME).value(token).path(go.getPath()).maxAge(seconds).httpOnly(true)
                .secure("https".equals(go.getScheme())).sameSite(NewCookie.SameSite.STRICT).build();
    }

    static String token(KeycloakSession session) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(NAME);
        return cookie == null ? null : cookie.getValue();
    }

    static Response expire(Response response, URI go) {
        return Response.fromResponse(response).cookie(new NewCookie.Builder(NAME).value("").path(go.getPath()).maxAge(0).httpOnly(true)
                .secure("https".equals(go.getScheme())).sameSite(NewCookie.SameSite.STRICT).build()).build();
    }
}
