package dev.kcentra.standin;

import com.google.gson.JsonObject;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.kcentra.standin.TestFixtures.BROKER_APP;
import static dev.kcentra.standin.TestFixtures.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ID token claims as Microsoft documents them: by scope (ID token claims reference) and by the app registration's
 * optional claims (optional claims reference); guests by their home identity.
 */
class IdTokenClaimsTest {

    private static EntraStandIn standIn;
    private static TestSignIn signIn;

    @BeforeAll
    static void start() {
        standIn = TestFixtures.start();
        signIn = new TestSignIn(standIn);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    @AfterEach
    void noOptionalClaims() {
        standIn.directory().tenant(TENANT).orElseThrow().setIdTokenOptionalClaims(BROKER_APP, List.of());
    }

    @Test
    void oidAndPreferredUsernameComeOnlyWithProfileAndEmailOnlyWithEmail() throws Exception {
        JWTClaimsSet openidOnly = signIn.idToken(TENANT, "openid", "user1@fabrikam.test", "pw-1");
        assertNull(openidOnly.getClaim("oid"), "oid needs the profile scope");
        assertNull(openidOnly.getClaim("preferred_username"));
        assertNull(openidOnly.getClaim("name"));
        assertNull(openidOnly.getClaim("email"));
        assertEquals(TENANT, openidOnly.getStringClaim("tid"));

        JWTClaimsSet profile = signIn.idToken(TENANT, "openid profile", "user1@fabrikam.test", "pw-1");
        assertEquals(TestFixtures.user(1), profile.getStringClaim("oid"));
        assertEquals("user1@fabrikam.test", profile.getStringClaim("preferred_username"));
        assertNull(profile.getClaim("email"), "email needs the email scope");

        JWTClaimsSet email = signIn.idToken(TENANT, "openid profile email", "user1@fabrikam.test", "pw-1");
        assertEquals("user1@fabrikam.test", email.getStringClaim("email"));
        assertNull(signIn.idToken(TENANT, "openid profile email", "user5@fabrikam.test", "pw-5")
                .getClaim("xms_edov"), "xms_edov only when the app asks for it");
    }

    @Test
    void authTimeAndXmsEdovOnlyAsTheAppsOptionalClaims() throws Exception {
        JWTClaimsSet plain = signIn.idToken(TENANT, "openid profile email", "user2@fabrikam.test", "pw-2");
        assertFalse(plain.getClaims().containsKey("auth_time"), "auth_time is optional and off by default");
        assertFalse(plain.getClaims().containsKey("xms_edov"));

        standIn.directory().tenant(TENANT).orElseThrow().setIdTokenOptionalClaims(BROKER_APP, List.of("auth_time", "xms_edov"));
        JWTClaimsSet optional = signIn.idToken(TENANT, "openid profile email", "user2@fabrikam.test", "pw-2");
        assertNotNull(optional.getClaim("auth_time"));
        assertEquals(Boolean.TRUE, optional.getBooleanClaim("xms_edov"), "fabrikam.test is a verified domain of the user's tenant");

        JWTClaimsSet withoutEmail = signIn.idToken(TENANT, "openid profile", "user2@fabrikam.test", "pw-2");
        assertFalse(withoutEmail.getClaims().containsKey("xms_edov"), "xms_edov needs the email claim");
    }

    @Test
    void aGuestSignsInAtTheResourceTenantWithTheHomeIdentityNotTheExtUpn() throws Exception {
        standIn.directory().tenant(TENANT).orElseThrow().setIdTokenOptionalClaims(BROKER_APP, List.of("xms_edov"));
        JWTClaimsSet guest = signIn.idToken(TENANT, "openid profile", "guest@contoso.test", "pw-7");
        assertEquals(TestFixtures.user(7), guest.getStringClaim("oid"));
        assertEquals(TENANT, guest.getStringClaim("tid"));
        assertEquals("guest@contoso.test", guest.getStringClaim("email"), "guests get email by default");
        assertEquals(Boolean.FALSE, guest.getBooleanClaim("xms_edov"), "contoso.test is no domain of the resource tenant");

        var page = signIn.authorize(TENANT, "openid profile");
        var refused = TestHttp.postForm(standIn.loginBaseUrl() + "/" + TENANT + "/login", java.util.Map.of("ctx",
                TestSignIn.ctx(page), "loginfmt", "guest_contoso.test#EXT#@fabrikam.test", "passwd", "pw-7"));
        assertEquals(200, refused.statusCode());
        assertTrue(refused.body().contains("AADSTS50034"), "the #EXT# UPN is no sign-in name: " + refused.body());
    }

    @Test
    void theJwksCarriesSeveralKeysAndARolloverSignsWithTheNextOne() throws Exception {
        JsonObject jwks = TestHttp.json(TestHttp.get(standIn.loginBaseUrl() + "/" + TENANT + "/discovery/v2.0/keys"));
        assertTrue(jwks.getAsJsonArray("keys").size() > 1, "Microsoft publishes more than one key: " + jwks);
        String before = signIn.tokens(TENANT, "openid profile", "user3@fabrikam.test", "pw-3").get("id_token").getAsString();
        String kidBefore = com.nimbusds.jwt.SignedJWT.parse(before).getHeader().getKeyID();

        var rolled = TestHttp.postForm(standIn.loginBaseUrl() + "/_standin/keys/roll", java.util.Map.of());
        assertEquals(200, rolled.statusCode(), rolled.body());
        String kidAfter = TestHttp.json(rolled).get("kid").getAsString();
        Set<String> published = new java.util.HashSet<>();
        TestHttp.json(TestHttp.get(standIn.loginBaseUrl() + "/common/discovery/v2.0/keys")).getAsJsonArray("keys")
                .forEach(k -> published.add(k.getAsJsonObject().get("kid").getAsString()));
        assertTrue(published.containsAll(Set.of(kidBefore, kidAfter)), "the previous key stays published: " + published);

        String after = signIn.tokens(TENANT, "openid profile", "user3@fabrikam.test", "pw-3").get("id_token").getAsString();
        assertEquals(kidAfter, com.nimbusds.jwt.SignedJWT.parse(after).getHeader().getKeyID());
        assertFalse(kidAfter.equals(kidBefore));
        assertEquals(TestFixtures.user(3), signIn.verified(before).getStringClaim("oid"), "a token of the previous key still verifies");
    }
}
