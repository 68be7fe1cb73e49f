package dev.kcentra.standin;

import com.google.gson.JsonObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.kcentra.standin.TestFixtures.BROKER_APP;
import static dev.kcentra.standin.TestFixtures.REDIRECT;
import static dev.kcentra.standin.TestFixtures.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker app's authorization code flow with PKCE against a stand-in, down to the verified ID token. */
final class TestSignIn {

    private static final String VERIFIER = "a-code-verifier-that-is-long-enough-for-pkce-0123456789";
    private static final Pattern CTX = Pattern.compile("name=\"ctx\" value=\"([^\"]+)\"");

    private final EntraStandIn standIn;

    TestSignIn(EntraStandIn standIn) {
        this.standIn = standIn;
    }

    /** Signs {@code signInName} in at {@code authority} asking for {@code scope}; the token response. */
    JsonObject tokens(String authority, String scope, String signInName, String password) {
        HttpResponse<String> page = authorize(authority, scope);
        assertEquals(200, page.statusCode(), page.body());
        HttpResponse<String> signedIn = TestHttp.postForm(standIn.loginBaseUrl() + "/" + authority + "/login",
                Map.of("ctx", ctx(page), "loginfmt", signInName, "passwd", password));
        assertEquals(302, signedIn.statusCode(), signedIn.body());
        String code = TestHttp.queryParam(signedIn.headers().firstValue("Location").orElseThrow(), "code");
        HttpResponse<String> redeemed = TestHttp.postForm(standIn.urls().tokenEndpoint(authority), Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", VERIFIER,
                "client_id", BROKER_APP, "client_secret", SECRET));
        assertEquals(200, redeemed.statusCode(), redeemed.body());
        return TestHttp.json(redeemed);
    }

    JWTClaimsSet idToken(String authority, String scope, String signInName, String password) {
        return verified(tokens(authority, scope, signInName, password).get("id_token").getAsString());
    }

    HttpResponse<String> authorize(String authority, String scope) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", BROKER_APP);
        params.put("response_type", "code");
        params.put("redirect_uri", REDIRECT);
        params.put("scope", scope);
        params.put("state", "st");
        params.put("nonce", "n-1");
        params.put("code_challenge", s256(VERIFIER));
        params.put("code_challenge_method", "S256");
        return TestHttp.get(standIn.loginBaseUrl() + "/" + authority + "/oauth2/v2.0/authorize?" + TestHttp.form(params));
    }

    /** The token's claims after checking its signature with the key its {@code kid} names in the tenant's JWKS. */
    JWTClaimsSet verified(String token) {
        try {
            JWKSet keys = JWKSet.load(URI.create(standIn.loginBaseUrl() + "/" + TestFixtures.TENANT + "/discovery/v2.0/keys").toURL());
            SignedJWT jwt = SignedJWT.parse(token);
            RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
            assertNotNull(key, "the token's kid is published");
            assertTrue(jwt.verify(new RSASSAVerifier(key)));
            return jwt.getJWTClaimsSet();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String ctx(HttpResponse<String> page) {
        Matcher matcher = CTX.matcher(page.body());
        assertTrue(matcher.find(), page.body());
        return matcher.group(1);
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
