package dev.kcentra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.testsupport.Browser;
import dev.kcentra.testsupport.DemoStandIn;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.RelyingApp;
import dev.kcentra.testsupport.RelyingApp.SignInResult;

import java.util.Map;

import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.SynchronizationResultRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The first end-to-end slice: the demo realm in the real Keycloak, a relying app using authorization code with PKCE,
 * a browser on the real pages, and the Entra stand-in playing Microsoft.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class IdentityFirstSignInIT {

    private static final String PASSWORD_USER = "alice";
    private static final String PASSWORD = "Demo-Password-1!";
    private static final String ENTRA_UPN = "adele.vance@contoso.example";
    private static final String ENTRA_PASSWORD = "Entra-Demo-1!";

    @InjectRealm(fromJson = "/realms/entra-demo-realm.json")
    ManagedRealm realm;

    private final EntraStandIn entra = DemoStandIn.get();
    private Browser browser;
    private RelyingApp app;

    @BeforeEach
    void start() {
        syncEntraUsers();
        browser = new Browser();
        app = RelyingApp.start(realm.getBaseUrl(), "demo-app");
    }

    @AfterEach
    void stop() {
        app.close();
        browser.close();
    }

    @Test
    void passwordUserGetsThePasswordPageAndSignsIn() {
        HtmlPage identifier = browser.open(app.authorizationRequest());
        assertTemplate(identifier, "kcentra-identifier.ftl");

        HtmlPage password = browser.submit(identifier, "kc-form-login", Map.of("username", "  Alice@Example.com "));
        assertTemplate(password, "kcentra-password.ftl");

        HtmlPage callback = browser.submit(password, "kc-form-login", Map.of("password", PASSWORD));
        SignInResult result = app.lastResult();
        assertTrue(result.succeeded(), () -> "sign-in failed: " + result.error() + " on " + callback.getUrl());
        assertEquals(PASSWORD_USER, result.idToken().getClaim("preferred_username"));
        assertEquals(realm.getBaseUrl(), result.accessToken().getIssuer());
        assertNotNull(callback.getElementById("signed-in"));
    }

    @Test
    void entraUserGoesToMicrosoftWithLoginHintAndSignsIn() throws Exception {
        HtmlPage identifier = browser.open(app.authorizationRequest());
        HtmlPage microsoft = browser.submit(identifier, "kc-form-login", Map.of("username", ENTRA_UPN.toUpperCase()));

        assertTrue(microsoft.getUrl().toString().startsWith(entra.loginBaseUrl() + "/" + DemoStandIn.TENANT_ID + "/"),
                () -> "expected the stand-in's sign-in page, got " + microsoft.getUrl());
        assertEquals(ENTRA_UPN, entra.lastAuthorizeRequest().get("login_hint"));
        assertEquals("S256", entra.lastAuthorizeRequest().get("code_challenge_method"), "Keycloak uses PKCE towards Entra");
        HtmlForm signIn = microsoft.getHtmlElementById("signin");
        assertEquals(ENTRA_UPN, signIn.getInputByName("loginfmt").getValue(), "the sign-in page is pre-filled from login_hint");

        HtmlPage callback = browser.submit(microsoft, "signin", Map.of("passwd", ENTRA_PASSWORD));
        SignInResult result = app.lastResult();
        assertNotNull(result, () -> "the relying app got no callback; the browser is at " + callback.getUrl() + "\n" + callback.asNormalizedText());
        assertTrue(result.succeeded(), () -> "sign-in failed: " + result.error() + " on " + callback.getUrl()
                + "\n" + callback.asNormalizedText());
        assertEquals(ENTRA_UPN, result.idToken().getClaim("preferred_username"));
        assertEquals(ENTRA_UPN, result.idToken().getClaim("email"));
        assertEquals(realm.getBaseUrl(), result.idToken().getIssuer());
    }

    @Test
    void anAppAskingAnSsoUserToUpdateThePasswordGetsARefusalAndNoPasswordIsSet() {
        HtmlPage identifier = browser.open(app.authorizationRequest());
        HtmlPage microsoft = browser.submit(identifier, "kc-form-login", Map.of("username", ENTRA_UPN));
        browser.submit(microsoft, "signin", Map.of("passwd", ENTRA_PASSWORD));
        assertTrue(app.lastResult().succeeded(), "signed in through Microsoft");

        HtmlPage update = browser.open(app.authorizationRequest(Map.of("kc_action", "UPDATE_PASSWORD")));
        HtmlPage refused = browser.submit(update, "kc-passwd-update-form",
                Map.of("password-new", "Chosen-Password-1!", "password-confirm", "Chosen-Password-1!"));
        assertTrue(refused.asNormalizedText().contains("This account signs in with Microsoft (Entra SSO)"), refused::asNormalizedText);
        String adele = realm.admin().users().searchByUsername(ENTRA_UPN, true).get(0).getId();
        assertTrue(realm.admin().users().get(adele).credentials().stream().noneMatch(c -> "password".equals(c.getType())),
                "no password was stored");
    }

    @Test
    void unknownIdentifierLooksLikeAPasswordUser() {
        HtmlPage known = passwordPageFor("bob");
        HtmlPage unknown = passwordPageFor("nobody@example.com");
        assertTemplate(unknown, "kcentra-password.ftl");
        assertEquals(formFields(known), formFields(unknown));

        String knownError = errorOf(browser.submit(known, "kc-form-login", Map.of("password", "wrong")));
        String unknownError = errorOf(browser.submit(unknown, "kc-form-login", Map.of("password", "wrong")));
        assertEquals("Invalid username or password.", knownError);
        assertEquals(knownError, unknownError);
        assertNull(app.lastResult(), "no sign-in may complete");
    }

    @Test
    void passwordPostedDirectlyForAnEntraUserIsRefusedLikeAWrongPassword() {
        HtmlPage identifier = browser.open(app.authorizationRequest());
        HtmlForm form = identifier.getHtmlElementById("kc-form-login");
        HtmlInput password = (HtmlInput) identifier.createElement("input");
        password.setAttribute("type", "hidden");
        password.setAttribute("name", "password");
        form.appendChild(password);

        HtmlPage refused = browser.submit(identifier, "kc-form-login", Map.of("username", ENTRA_UPN, "password", ENTRA_PASSWORD));
        assertTemplate(refused, "kcentra-password.ftl");
        assertEquals("Invalid username or password.", errorOf(refused));
        assertNull(app.lastResult(), "no sign-in may complete");
    }

    @Test
    void emptyIdentifierIsAskedAgain() {
        HtmlPage identifier = browser.open(app.authorizationRequest());
        HtmlPage again = browser.submit(identifier, "kc-form-login", Map.of("username", "   "));
        assertTemplate(again, "kcentra-identifier.ftl");
        assertTrue(again.asNormalizedText().contains("Enter your email address, username or mobile number."),
                again::asNormalizedText);
    }

    /** The demo realm's Entra users come from its Entra ID connection; a full sync is idempotent. */
    private void syncEntraUsers() {
        String connection = realm.admin().components().query(realm.getId(), "org.keycloak.storage.UserStorageProvider").get(0).getId();
        SynchronizationResultRepresentation result = realm.admin().userStorage().syncUsers(connection, "triggerFullSync");
        assertEquals(0, result.getFailed(), result.getStatus());
    }

    private HtmlPage passwordPageFor(String identifier) {
        HtmlPage page = browser.open(app.authorizationRequest());
        HtmlPage password = browser.submit(page, "kc-form-login", Map.of("username", identifier));
        assertTemplate(password, "kcentra-password.ftl");
        return password;
    }

    private static String formFields(HtmlPage page) {
        HtmlForm form = page.getHtmlElementById("kc-form-login");
        return form.getElementsByTagName("input").stream()
                .map(input -> input.getAttribute("name") + "=" + input.getAttribute("type"))
                .toList().toString();
    }

    private static String errorOf(HtmlPage page) {
        HtmlElement error = page.getHtmlElementById("input-error-password");
        return error.getTextContent().trim();
    }

    private static void assertTemplate(HtmlPage page, String template) {
        assertTrue(page.asXml().contains("template: " + template),
                () -> "expected " + template + " at " + page.getUrl() + "\n" + page.asNormalizedText());
    }
}
