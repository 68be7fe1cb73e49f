package dev.kcentra.it;

import dev.kcentra.testsupport.EntraBundleServerConfig;
import jakarta.ws.rs.core.Response;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.kcentra.it.SignInScene.assertTemplate;
import static dev.kcentra.it.SignInScene.password;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the sign-in pages and redirects must not tell: whether an identifier has an account, is an SSO user, is
 * disabled or locked out, and which corporate identity a mobile number belongs to. Pages are compared byte for byte
 * after only the values of the authentication session (session code, execution, tab id, client data, the query of
 * Keycloak's own URLs) are blanked.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class SignInOraclesIT {

    private static final String ALEX = "alex.wilber@fabrikam.example";
    private static final String ALEX_MOBILE = "+1 425 555 0101";
    private static final String DISABLED = "disabled.person@fabrikam.example";
    private static final String LOCAL = "local.clash@fabrikam.example";
    private static final String LOCAL_PASSWORD = "Local-Password-1!";
    private static final String WRONG = "Not-The-Password-1!";
    private static final String FORMS_FLOW = "entra identity-first forms";

    @InjectRealm(ref = "sync", fromJson = SyncTenant.REALM_JSON)
    ManagedRealm realm;

    private SignInScene scene;
    private final List<Runnable> undo = new ArrayList<>();

    @BeforeEach
    void start() {
        scene = new SignInScene(realm).synced().ssoForAllSynced();
    }

    @AfterEach
    void stop() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        scene.close();
    }

    @Test
    void theWrongPasswordPageIsTheSameWhoeverTheIdentifierNames() throws Exception {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("a password user", wrongPasswordPage(LOCAL));
        pages.put("an unknown identifier", wrongPasswordPage("nobody@elsewhere.example"));
        pages.put("an unknown mobile number", wrongPasswordPage("+1 202 555 0199"));
        pages.put("a disabled user", wrongPasswordPage(DISABLED));
        pages.put("an SSO user's password, posted by hand", handPostedPassword(ALEX));
        assertAllEqual(pages);
        String page = pages.get("a password user");
        assertFalse(page.contains("kc-attempted-username"), "no page shows an attempted username:\n" + page);
        assertTrue(page.contains("id=\"kcentra-change-identifier\""), "every page has the way back to the identifier page");
        assertNull(scene.app.lastResult());
    }

    @Test
    void theChangeIdentifierLinkLeadsBackToTheIdentifierPage() throws Exception {
        HtmlPage refused = scene.browser.submit(scene.identify(LOCAL), "kc-form-login", Map.of("password", WRONG));
        HtmlPage identifier = scene.browser.open(URI.create(refused.getFullyQualifiedUrl(
                refused.getHtmlElementById("kcentra-change-identifier").getElementsByTagName("a").get(0).getAttribute("href")).toString()));
        assertTemplate(identifier, "kcentra-identifier.ftl");
        HtmlPage passwordPage = scene.browser.submit(identifier, "kc-form-login", Map.of("username", LOCAL));
        scene.browser.submit(passwordPage, "kc-form-login", Map.of("password", LOCAL_PASSWORD));
        assertTrue(scene.app.lastResult() != null && scene.app.lastResult().succeeded(), "signed in after changing the identifier");
    }

    @Test
    void aLockedOutUserGetsTheWrongPasswordPageAlsoForTheRightPassword() throws Exception {
        lockOutAfterTwoFailures();
        String locked = localUser("locked.person@elsewhere.example", "Locked-Password-1!");
        String other = localUser("other.person@elsewhere.example", "Other-Password-1!");

        wrongPasswordPage("locked.person@elsewhere.example");
        wrongPasswordPage("locked.person@elsewhere.example");
        awaitLockedOut(locked);

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("a wrong password", wrongPasswordPage("other.person@elsewhere.example"));
        pages.put("a locked user's wrong password", wrongPasswordPage("locked.person@elsewhere.example"));
        pages.put("a locked user's right password", refusedPage("locked.person@elsewhere.example", "Locked-Password-1!"));
        pages.put("an unknown identifier", wrongPasswordPage("nobody@elsewhere.example"));
        assertAllEqual(pages);
        assertNull(scene.app.lastResult(), "the right password does not sign a locked user in");
        assertFalse(Boolean.TRUE.equals(realm.admin().attackDetection().bruteForceUserStatus(other).get("disabled")),
                "one wrong password locks nobody out");
    }

    @Test
    void wrongPasswordsTypedAsAMobileNumberCountTowardsTheLockout() throws Exception {
        lockOutAfterTwoFailures();
        String id = localUser("phone.person@elsewhere.example", "Phone-Password-1!");
        UserRepresentation user = realm.admin().users().get(id).toRepresentation();
        user.setAttributes(Map.of("phoneNumber", List.of("+12025550142")));
        realm.admin().users().get(id).update(user);

        wrongPasswordPage("+1 202 555 0142");
        wrongPasswordPage("+1 (202) 555-0142");
        awaitLockedOut(id);
        assertEquals(wrongPasswordPage("nobody@elsewhere.example"), refusedPage("+1 202 555 0142", "Phone-Password-1!"),
                "locked out, also by number");
    }

    @Test
    void aTypedMobileNumberSendsNoLoginHintUnlessTheStepIsToldTo() {
        assertAtMicrosoft(scene.identify(ALEX_MOBILE));
        Map<String, String> request = scene.tenant.entra.lastAuthorizeRequest();
        assertFalse(request.containsKey("login_hint"), "the UPN behind a number is not in the redirect: " + request);

        identityFirstConfig(Map.of("sendUpnForPhone", "true"));
        assertAtMicrosoft(scene.identify(ALEX_MOBILE));
        assertEquals(ALEX, scene.tenant.entra.lastAuthorizeRequest().get("login_hint"), "sent when the admin chose to");
    }

    @Test
    void anSsoUserGoesToMicrosoftWithTheIdentifierTheyTyped() {
        assertAtMicrosoft(scene.identify("Alex.Wilber@Fabrikam.Example"));
        assertEquals(ALEX, scene.tenant.entra.lastAuthorizeRequest().get("login_hint"));
    }

    @Test
    void atARoutedEntraDomainEveryIdentifierGetsTheSameRedirect() {
        scene.tenant.updateConnection("ssoDomains", "fabrikam.example");
        Map<String, String> redirects = new LinkedHashMap<>();
        for (String typed : List.of(ALEX, "nobody@fabrikam.example", DISABLED, LOCAL, "NOBODY.ELSE@FABRIKAM.EXAMPLE")) {
            HtmlPage next = scene.identify(typed);
            assertAtMicrosoft(next);
            Map<String, String> request = new TreeMap<>(scene.tenant.entra.lastAuthorizeRequest());
            assertEquals(typed.toLowerCase(), request.get("login_hint"), "the typed identifier, nothing else");
            request.keySet().removeAll(List.of("state", "nonce", "code_challenge", "login_hint"));
            redirects.put(typed, request.toString());
        }
        assertAllEqual(redirects);
    }

    /** The refusal of a wrong password after the identifier page, as the browser got it. */
    private String wrongPasswordPage(String identifier) {
        return refusedPage(identifier, WRONG);
    }

    private String refusedPage(String identifier, String password) {
        HtmlPage passwordPage = scene.identify(identifier);
        assertTemplate(passwordPage, "kcentra-password.ftl");
        HtmlPage refused = scene.browser.submit(passwordPage, "kc-form-login", Map.of("password", password));
        assertTemplate(refused, "kcentra-password.ftl");
        return status(refused) + withoutSessionValues(refused.getWebResponse().getContentAsString());
    }

    /** A password posted with the identifier to the password page's action, as an attacker would. */
    private String handPostedPassword(String identifier) throws Exception {
        HtmlPage passwordPage = scene.identify("someone@elsewhere.example");
        HtmlForm form = passwordPage.getHtmlElementById("kc-form-login");
        URI action = URI.create(passwordPage.getFullyQualifiedUrl(form.getActionAttribute()).toString());
        HtmlPage refused = (HtmlPage) scene.browser.post(action, Map.of("username", identifier, "password", WRONG));
        assertTemplate(refused, "kcentra-password.ftl");
        return status(refused) + withoutSessionValues(refused.getWebResponse().getContentAsString());
    }

    private static String status(HtmlPage page) {
        return "HTTP " + page.getWebResponse().getStatusCode() + "\n";
    }

    /** Blanks only what belongs to one authentication session: the query of Keycloak's URLs and script nonces. */
    static String withoutSessionValues(String html) {
        return html.replaceAll("(/login-actions/[A-Za-z-]+)\\?[^\"'\\s<]*", "$1?…")
                .replaceAll("(session_code|execution|tab_id|client_data)=[^&\"'\\s<]*", "$1=…")
                .replaceAll("nonce=\"[^\"]*\"", "nonce=\"…\"");
    }

    private static void assertAllEqual(Map<String, String> byCase) {
        String first = byCase.keySet().iterator().next();
        byCase.forEach((name, value) -> assertEquals(byCase.get(first), value, name + " differs from " + first));
    }

    private String localUser(String username, String password) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username);
        user.setEmailVerified(true);
        user.setFirstName("Local");
        user.setLastName("Person");
        user.setEnabled(true);
        try (Response response = realm.admin().users().create(user)) {
            assertEquals(201, response.getStatus(), () -> response.readEntity(String.class));
            String id = CreatedResponseUtil.getCreatedId(response);
            undo.add(() -> realm.admin().users().get(id).remove());
            realm.admin().users().get(id).resetPassword(password(password));
            return id;
        }
    }

    /** Brute-force detection that locks a user out for ten minutes after two wrong passwords; restored afterwards. */
    private void lockOutAfterTwoFailures() {
        RealmRepresentation original = realm.admin().toRepresentation();
        RealmRepresentation strict = realm.admin().toRepresentation();
        strict.setBruteForceProtected(true);
        strict.setPermanentLockout(false);
        strict.setFailureFactor(2);
        strict.setWaitIncrementSeconds(600);
        strict.setMaxFailureWaitSeconds(900);
        realm.admin().update(strict);
        undo.add(() -> realm.admin().update(original));
    }

    private void awaitLockedOut(String userId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (Boolean.TRUE.equals(realm.admin().attackDetection().bruteForceUserStatus(userId).get("disabled"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("brute-force detection did not lock the user out");
    }

    /** The identity-first step's settings (gear icon), restored afterwards. */
    private void identityFirstConfig(Map<String, String> settings) {
        AuthenticationExecutionInfoRepresentation execution = realm.admin().flows().getExecutions(FORMS_FLOW).stream()
                .filter(e -> "kcentra-identity-first".equals(e.getProviderId())).findFirst().orElseThrow();
        if (execution.getAuthenticationConfig() != null) {
            AuthenticatorConfigRepresentation config = realm.admin().flows().getAuthenticatorConfig(execution.getAuthenticationConfig());
            Map<String, String> before = new LinkedHashMap<>(config.getConfig());
            config.getConfig().putAll(settings);
            realm.admin().flows().updateAuthenticatorConfig(config.getId(), config);
            undo.add(() -> {
                config.setConfig(before);
                realm.admin().flows().updateAuthenticatorConfig(config.getId(), config);
            });
            return;
        }
        AuthenticatorConfigRepresentation config = new AuthenticatorConfigRepresentation();
        config.setAlias("identity-first oracles test");
        config.setConfig(settings);
        try (Response created = realm.admin().flows().newExecutionConfig(execution.getId(), config)) {
            String id = CreatedResponseUtil.getCreatedId(created);
            undo.add(() -> realm.admin().flows().removeAuthenticatorConfig(id));
        }
    }

    private void assertAtMicrosoft(HtmlPage page) {
        assertTrue(page.getUrl().toString().startsWith(scene.tenant.entra.loginBaseUrl() + "/" + SyncTenant.TENANT + "/oauth2/v2.0/authorize"),
                () -> "expected Microsoft's sign-in, got " + page.getUrl() + "\n" + page.asNormalizedText());
    }
}
