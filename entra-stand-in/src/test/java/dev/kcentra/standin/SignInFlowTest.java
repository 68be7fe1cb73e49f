package dev.kcentra.standin;

import com.google.gson.JsonObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.kcentra.standin.TestFixtures.BROKER_APP;
import static dev.kcentra.standin.TestFixtures.CONSUMERS;
import static dev.kcentra.standin.TestFixtures.REDIRECT;
import static dev.kcentra.standin.TestFixtures.SECRET;
import static dev.kcentra.standin.TestFixtures.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The v2.0 authorization code flow against the stand-in, over HTTP, as a relying party sees it. */
class SignInFlowTest {

    private static final String VERIFIER = "a-code-verifier-that-is-long-enough-for-pkce-0123456789";
    private static final Pattern CTX = Pattern.compile("name=\"ctx\" value=\"([^\"]+)\"");

    private static EntraStandIn standIn;

    @BeforeAll
    static void start() {
        standIn = TestFixtures.start();
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @Test
    void discoveryPerTenantByIdAndByDomain() {
        for (String segment : List.of(TENANT, "fabrikam.test")) {
            JsonObject doc = TestHttp.json(TestHttp.get(standIn.loginBaseUrl() + "/" + segment + "/v2.0/.well-known/openid-configuration"));
            assertEquals(standIn.loginBaseUrl() + "/" + TENANT + "/v2.0", doc.get("issuer").getAsString());
            assertEquals(standIn.loginBaseUrl() + "/" + TENANT + "/oauth2/v2.0/authorize", doc.get("authorization_endpoint").getAsString());
            assertEquals(standIn.loginBaseUrl() + "/" + TENANT + "/discovery/v2.0/keys", doc.get("jwks_uri").getAsString());
        }
    }

    @Test
    void multiTenantAuthoritiesAnnounceTheTenantIdTemplate() {
        for (String segment : List.of("common", "organizations", "consumers")) {
            JsonObject doc = TestHttp.json(TestHttp.get(standIn.loginBaseUrl() + "/" + segment + "/v2.0/.well-known/openid-configuration"));
            assertEquals(standIn.loginBaseUrl() + "/" + ("consumers".equals(segment) ? CONSUMERS : "{tenantid}") + "/v2.0",
                    doc.get("issuer").getAsString(), "consumers has the one fixed issuer of personal accounts");
            assertEquals(standIn.loginBaseUrl() + "/" + segment + "/oauth2/v2.0/token", doc.get("token_endpoint").getAsString());
        }
    }

    @Test
    void unknownTenantIsAadsts90002() {
        HttpResponse<String> response = TestHttp.get(standIn.loginBaseUrl() + "/nowhere.test/v2.0/.well-known/openid-configuration");
        assertEquals(400, response.statusCode());
        assertTrue(TestHttp.json(response).get("error_description").getAsString().startsWith("AADSTS90002: Tenant 'nowhere.test' not found"));
    }

    @Test
    void signsInWithPkceAndIssuesMicrosoftShapedTokens() throws Exception {
        HttpResponse<String> page = authorize(TENANT, Map.of("login_hint", "user1@fabrikam.test", "nonce", "n-1"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"signin\""));
        assertTrue(page.body().contains("value=\"user1@fabrikam.test\""), "pre-filled from login_hint");
        assertEquals("user1@fabrikam.test", standIn.lastAuthorizeRequest().get("login_hint"));

        HttpResponse<String> wrong = signIn(TENANT, ctx(page), "user1@fabrikam.test", "nope");
        assertEquals(200, wrong.statusCode());
        assertTrue(wrong.body().contains("AADSTS50126"), wrong.body());

        HttpResponse<String> redirect = signIn(TENANT, ctx(page), "USER1@fabrikam.test", "pw-1");
        assertEquals(302, redirect.statusCode(), redirect.body());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(REDIRECT + "?code="));
        assertEquals("st", TestHttp.queryParam(location, "state"));

        JsonObject tokens = TestHttp.json(redeem(TENANT, TestHttp.queryParam(location, "code"), VERIFIER));
        JWTClaimsSet id = verified(tokens.get("id_token").getAsString());
        assertEquals(standIn.loginBaseUrl() + "/" + TENANT + "/v2.0", id.getIssuer());
        assertEquals(List.of(BROKER_APP), id.getAudience());
        assertEquals(TENANT, id.getStringClaim("tid"));
        assertEquals(TestFixtures.user(1), id.getStringClaim("oid"));
        assertEquals("user1@fabrikam.test", id.getStringClaim("preferred_username"));
        assertEquals("user1@fabrikam.test", id.getStringClaim("email"));
        assertEquals("User 1", id.getStringClaim("name"));
        assertEquals("n-1", id.getStringClaim("nonce"));
        assertEquals("2.0", id.getStringClaim("ver"));
        assertFalse(id.getSubject().equals(TestFixtures.user(1)), "sub is pairwise, not the object id");
        assertNotNull(tokens.get("refresh_token"), "offline_access was asked for");

        JsonObject refreshed = TestHttp.json(TestHttp.postForm(standIn.urls().tokenEndpoint(TENANT), Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token").getAsString(), "client_id", BROKER_APP, "client_secret", SECRET)));
        assertEquals(id.getSubject(), verified(refreshed.get("id_token").getAsString()).getSubject());
    }

    @Test
    void codeIsSingleUseAndBoundToTheVerifier() {
        String code = codeFor(TENANT, "user2@fabrikam.test", "pw-2");
        HttpResponse<String> badVerifier = redeem(TENANT, code, VERIFIER + "x");
        assertEquals(400, badVerifier.statusCode());
        assertTrue(badVerifier.body().contains("AADSTS501481"), badVerifier.body());
        HttpResponse<String> replay = redeem(TENANT, code, VERIFIER);
        assertEquals(400, replay.statusCode(), "a code is spent by its first redemption, even a failed one");
        assertTrue(replay.body().contains("AADSTS54005"), replay.body());
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        String code = codeFor(TENANT, "user3@fabrikam.test", "pw-3");
        HttpResponse<String> response = TestHttp.postForm(standIn.urls().tokenEndpoint(TENANT), Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "code_verifier", VERIFIER, "client_id", BROKER_APP, "client_secret", "guess"));
        assertEquals(401, response.statusCode());
        assertEquals("invalid_client", TestHttp.json(response).get("error").getAsString());
        assertTrue(response.body().contains("AADSTS7000215"));
    }

    @Test
    void disabledAccountsCannotSignIn() {
        HttpResponse<String> page = authorize(TENANT, Map.of());
        HttpResponse<String> refused = signIn(TENANT, ctx(page), "disabled@fabrikam.test", "pw-6");
        assertEquals(200, refused.statusCode());
        assertTrue(refused.body().contains("AADSTS50057"), refused.body());
    }

    @Test
    void commonOrganizationsAndConsumersAdmitTheAccountsMicrosoftDocuments() {
        assertAdmits("common", "user4@fabrikam.test", "pw-4", true);
        assertAdmits("common", "someone@outlook.test", "pw-c", true);
        assertAdmits("organizations", "user4@fabrikam.test", "pw-4", true);
        assertAdmits("organizations", "someone@outlook.test", "pw-c", false);
        assertAdmits("consumers", "someone@outlook.test", "pw-c", true);
        assertAdmits("consumers", "user4@fabrikam.test", "pw-4", false);
        assertAdmits(TENANT, "someone@outlook.test", "pw-c", false);
    }

    @Test
    void aConsumerSignedInThroughCommonGetsTheConsumerTenantAsIssuer() throws Exception {
        String code = codeFor("common", "someone@outlook.test", "pw-c");
        JWTClaimsSet id = verified(TestHttp.json(redeem("common", code, VERIFIER)).get("id_token").getAsString());
        assertEquals(CONSUMERS, id.getStringClaim("tid"));
        assertEquals(standIn.loginBaseUrl() + "/" + CONSUMERS + "/v2.0", id.getIssuer());
    }

    @Test
    void clientAndRedirectErrorsStayOnMicrosoftsPage() {
        HttpResponse<String> unknownClient = authorize(TENANT, Map.of("client_id", "bbbbbbbb-0000-4000-8000-000000000000"));
        assertEquals(401, unknownClient.statusCode());
        assertTrue(unknownClient.body().contains("AADSTS700016"));
        HttpResponse<String> badRedirect = authorize(TENANT, Map.of("redirect_uri", "https://evil.test/cb"));
        assertEquals(400, badRedirect.statusCode());
        assertTrue(badRedirect.body().contains("AADSTS50011"));
        assertTrue(badRedirect.headers().firstValue("Location").isEmpty(), "never redirects to an unregistered URI");
    }

    @Test
    void otherErrorsGoBackToTheClient() {
        HttpResponse<String> silent = authorize(TENANT, Map.of("prompt", "none"));
        assertEquals(302, silent.statusCode());
        String location = silent.headers().firstValue("Location").orElseThrow();
        assertEquals("login_required", TestHttp.queryParam(location, "error"));
        assertEquals("st", TestHttp.queryParam(location, "state"));

        HttpResponse<String> implicit = authorize(TENANT, Map.of("response_type", "token"));
        assertEquals("unsupported_response_type", TestHttp.queryParam(implicit.headers().firstValue("Location").orElseThrow(), "error"));
    }

    @Test
    void hostileInputIsEscapedOnThePage() {
        HttpResponse<String> page = authorize(TENANT, Map.of("login_hint", "\"><script>alert(1)</script>"));
        assertFalse(page.body().contains("<script>alert(1)"));
        assertTrue(page.body().contains("&quot;&gt;&lt;script&gt;"));
    }

    @Test
    void anExpiredOrForgedSignInPageIsRefused() {
        HttpResponse<String> response = signIn(TENANT, "forged", "user1@fabrikam.test", "pw-1");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("expired or was already used"));
    }

    @Test
    void aSignInPageCannotBeUsedTwice() {
        HttpResponse<String> page = authorize(TENANT, Map.of());
        String ctx = ctx(page);
        assertEquals(302, signIn(TENANT, ctx, "user5@fabrikam.test", "pw-5").statusCode());
        assertEquals(400, signIn(TENANT, ctx, "user5@fabrikam.test", "pw-5").statusCode());
    }

    private void assertAdmits(String authority, String upn, String password, boolean admitted) {
        HttpResponse<String> page = authorize(authority, Map.of());
        HttpResponse<String> response = signIn(authority, ctx(page), upn, password);
        assertEquals(admitted ? 302 : 200, response.statusCode(), authority + " / " + upn + ": " + response.body());
    }

    private String codeFor(String authority, String upn, String password) {
        HttpResponse<String> response = signIn(authority, ctx(authorize(authority, Map.of())), upn, password);
        assertEquals(302, response.statusCode(), response.body());
        return TestHttp.queryParam(response.headers().firstValue("Location").orElseThrow(), "code");
    }

    private static HttpResponse<String> authorize(String authority, Map<String, String> overrides) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", BROKER_APP);
        params.put("response_type", "code");
        params.put("redirect_uri", REDIRECT);
        params.put("scope", "openid profile email offline_access");
        params.put("state", "st");
        params.put("code_challenge", s256(VERIFIER));
        params.put("code_challenge_method", "S256");
        params.putAll(overrides);
        return TestHttp.get(standIn.loginBaseUrl() + "/" + authority + "/oauth2/v2.0/authorize?" + TestHttp.form(params));
    }

    private static HttpResponse<String> signIn(String authority, String ctx, String upn, String password) {
        return TestHttp.postForm(standIn.loginBaseUrl() + "/" + authority + "/login", Map.of("ctx", ctx, "loginfmt", upn, "passwd", password));
    }

    private static HttpResponse<String> redeem(String authority, String code, String verifier) {
        return TestHttp.postForm(standIn.urls().tokenEndpoint(authority), Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", verifier, "client_id", BROKER_APP, "client_secret", SECRET));
    }

    private static String ctx(HttpResponse<String> page) {
        Matcher matcher = CTX.matcher(page.body());
        assertTrue(matcher.find(), page.body());
        return matcher.group(1);
    }

    private static JWTClaimsSet verified(String token) throws Exception {
        JWKSet keys = JWKSet.load(URI.create(standIn.loginBaseUrl() + "/" + TENANT + "/discovery/v2.0/keys").toURL());
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertNotNull(key, "the token's kid is published");
        assertTrue(jwt.verify(new RSASSAVerifier(key)));
        assertNull(key.toJSONObject().get("d"), "only the public key is published");
        return jwt.getJWTClaimsSet();
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
