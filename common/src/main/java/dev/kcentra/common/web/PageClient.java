package dev.kcentra.common.web;

import org.keycloak.OAuth2Constants;
import org.keycloak.common.util.Base64Url;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.messages.Messages;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * The public client through which users sign in to one of our end-user pages under {@code /realms/{realm}/{path}/}
 * (like Keycloak's own {@code account-console}). The page itself reads the browser's Keycloak session; the code the
 * sign-in returns is never exchanged.
 *
 * @param clientId the client's id
 * @param nameKey  the message key of the client's name, as Keycloak shows it (consent, sessions)
 * @param path     the realm resource the page lives under
 */
public record PageClient(String clientId, String nameKey, String path) {

    public ClientModel ensure(RealmModel realm) {
        ClientModel client = realm.getClientByClientId(clientId);
        if (client != null) {
            return client;
        }
        client = realm.addClient(clientId);
        client.setName("${" + nameKey + "}");
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setFullScopeAllowed(false);
        client.setRootUrl(Constants.AUTH_BASE_URL_PROP);
        client.setBaseUrl("/realms/" + realm.getName() + "/" + path + "/");
        client.setRedirectUris(Set.of("/realms/" + realm.getName() + "/" + path + "/*"));
        client.setWebOrigins(Set.of("+"));
        client.setAttribute("pkce.code.challenge.method", "S256");
        client.setAttribute("post.logout.redirect.uris", "+");
        return client;
    }

    /** Keycloak's sign-in for the page, coming back to it; {@code acr} asks for a step-up to that level. */
    public URI signIn(UriInfo uri, RealmModel realm, String acr) {
        String verifier = SecretGenerator.getInstance().randomString(64);
        UriBuilder builder = OIDCLoginProtocolService.authUrl(uri.getBaseUriBuilder())
                .queryParam(OAuth2Constants.CLIENT_ID, clientId)
                .queryParam(OAuth2Constants.REDIRECT_URI, home(uri, realm))
                .queryParam(OAuth2Constants.RESPONSE_TYPE, OAuth2Constants.CODE)
                .queryParam(OAuth2Constants.SCOPE, "openid")
                .queryParam(OAuth2Constants.STATE, SecretGenerator.getInstance().randomString(24))
                .queryParam(OAuth2Constants.CODE_CHALLENGE, challenge(verifier))
                .queryParam(OAuth2Constants.CODE_CHALLENGE_METHOD, OAuth2Constants.PKCE_METHOD_S256);
        if (acr != null) {
            builder.queryParam(OAuth2Constants.ACR_VALUES, acr);
        }
        return builder.build(realm.getName());
    }

    /** A page request's signed-in user, or the answer instead: off to the sign-in, or dropping the sign-in's code. */
    public record Entry(AuthenticationManager.AuthResult auth, Response instead) {
    }

    /**
     * The first step of the page's GET: without a browser session, the sign-in (or, just back from it with a code,
     * a page saying that cookies are refused, rather than a loop); back from the sign-in, the page's own address.
     */
    public Entry enter(KeycloakSession session, RealmModel realm, String code) {
        AuthenticationManager.AuthResult auth = BrowserSession.authenticate(session, realm);
        UriInfo uri = session.getContext().getUri();
        if (auth == null) {
            return new Entry(null, code != null
                    ? session.getProvider(LoginFormsProvider.class).setError(Messages.COOKIE_NOT_FOUND).createErrorPage(Response.Status.BAD_REQUEST)
                    : Response.seeOther(signIn(uri, realm, null)).build());
        }
        if (code != null) {
            return new Entry(null, Response.seeOther(home(uri, realm)).build());
        }
        return new Entry(auth, null);
    }

    public URI home(UriInfo uri, RealmModel realm) {
        return uri.getBaseUriBuilder().path("realms").path(realm.getName()).path(path).path("/").build();
    }

    private static String challenge(String verifier) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
