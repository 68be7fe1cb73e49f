package dev.kcentra.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.standin.fault.Fault;
import dev.kcentra.testsupport.AdminApi;
import dev.kcentra.testsupport.DemoStandIn;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.LegacyFormApp;
import dev.kcentra.testsupport.RelyingApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end user's side of the product in Debian's Chromium on the demo realm, as shipped: identity-first sign-in of a
 * password user and of an Entra user (through the stand-in's sign-in page), a launch from "My apps" that signs the
 * user in to a legacy form-login app, and linking and unlinking an account. JavaScript runs as in any browser (the
 * hand-off page posts itself). Every step leaves a screenshot in {@code target/screenshots}.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class EndUserWalkthroughIT {

    private static final String PASSWORD = "Demo-Password-1!";
    private static final String ENTRA_PASSWORD = "Entra-Demo-1!";
    private static final String ADELE = "adele.vance@contoso.example";

    @InjectRealm(fromJson = "/realms/entra-demo-realm.json")
    ManagedRealm realm;

    private final EntraStandIn entra = DemoStandIn.get();
    private RelyingApp app;
    private Chromium browser;

    @BeforeEach
    void start(TestInfo test) {
        // Per test, not per class: a class-level assumption is reported as no tests at all, not as skipped ones.
        Chromium.assumeInstalled();
        DemoRealm.syncEntraUsers(realm);
        app = RelyingApp.start(realm.getBaseUrl(), "demo-app");
        browser = new Chromium(test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void stop() {
        if (browser == null) {
            return; // skipped before anything started
        }
        browser.close();
        app.close();
    }

    @Test
    void signIn() {
        browser.open(app.authorizationRequest());
        browser.screenshot("identifier");
        accessible();
        browser.submit("kc-form-login", Map.of("username", "alice"));
        browser.screenshot("password");
        accessible();
        browser.submit("kc-form-login", Map.of("password", PASSWORD));
        browser.await(driver -> app.lastResult() != null);
        assertTrue(app.lastResult().succeeded(), () -> "alice: " + app.lastResult().error());
        browser.screenshot("signed-in");

        browser.clearCookies(URI.create(realm.getBaseUrl() + "/.well-known/openid-configuration"));
        browser.open(app.authorizationRequest());
        browser.submit("kc-form-login", Map.of("username", ADELE));
        browser.await(driver -> driver.getCurrentUrl().startsWith(entra.loginBaseUrl()));
        browser.screenshot("microsoft");
        browser.submit("signin", Map.of("passwd", ENTRA_PASSWORD));
        browser.await(driver -> ADELE.equals(app.lastResult() == null ? null : app.lastResult().idToken().getClaim("preferred_username")));
        browser.screenshot("signed-in-with-microsoft");

        // Microsoft does not answer: the SSO user gets the login theme's outage page, not an error from elsewhere.
        entra.faults().add(Fault.unavailable(".*/oauth2/v2\\.0/authorize", 0, 0));
        try {
            browser.clearCookies(URI.create(realm.getBaseUrl() + "/.well-known/openid-configuration"));
            browser.open(app.authorizationRequest());
            browser.submit("kc-form-login", Map.of("username", ADELE));
            assertTrue(browser.text().contains("Microsoft sign-in is unavailable right now"), browser.text());
            browser.screenshot("microsoft-unavailable");
            accessible();
        } finally {
            entra.faults().clear();
        }
    }

    @Test
    void launchFromMyApps() throws Exception {
        try (LegacyFormApp legacy = LegacyFormApp.start("change-secret")) {
            legacy.acceptPassword("Payroll-Secret-1!");
            AdminApi admin = DemoRealm.admin();
            String vault = "/admin/realms/" + realm.getName() + "/kcentra-vault/";
            HttpResponse<String> created = admin.call("POST", vault + "apps", "{\"name\": \"Payroll\", \"loginUrl\": \"" + legacy.loginUrl()
                    + "\", \"injection\": \"form\", \"usernameField\": \"user\", \"passwordField\": \"pass\", \"description\": \"Legacy payroll\"}");
            String location = created.headers().firstValue("Location").orElseThrow();
            String app = location.substring(location.lastIndexOf('/') + 1);
            admin.call("PUT", vault + "apps/" + app + "/credential", "{\"username\": \"svc-payroll\", \"password\": \"Payroll-Secret-1!\"}");
            String finance = realm.admin().groups().groups("Finance", 0, 1).get(0).getId();
            admin.call("PUT", vault + "apps/" + app + "/groups/" + finance, null);

            browser.open(URI.create(realm.getBaseUrl() + "/kcentra-apps/"));
            signInAsAlice();
            browser.await(driver -> !driver.findElements(By.id("kcentra-app-" + app)).isEmpty());
            browser.screenshot("my-apps");
        accessible();
            browser.element(By.cssSelector("#kcentra-launch-" + app + " button")).click();
            browser.await(driver -> driver.findElement(By.tagName("body")).getText().contains("Welcome svc-payroll"));
            browser.screenshot("legacy-app-signed-in");
            assertEquals(List.of(Map.of("user", "svc-payroll", "pass", "Payroll-Secret-1!")),
                    legacy.logins().stream().map(LegacyFormApp.Received::fields).toList(), "the app received exactly the credential");
            assertTrue(!browser.url().contains("Payroll-Secret"), "never in a URL");
            admin.call("DELETE", vault + "apps/" + app, null);
        }
    }

    @Test
    void linkAndUnlinkAnAccount() throws Exception {
        browser.open(URI.create(realm.getBaseUrl() + "/kcentra-links/"));
        signInAsAlice();
        browser.await(driver -> !driver.findElements(By.id("kcentra-linked-accounts")).isEmpty());
        browser.screenshot("linked-accounts");
        accessible();
        browser.submit("kcentra-link-form", Map.of("username", "bob", "password", PASSWORD));
        assertTrue(browser.text().contains("Account has been successfully linked: bob."), browser.text());
        browser.screenshot("linked");
        accessible();
        try (Chromium bob = new Chromium("linkedAccountRefused")) {
            bob.open(app.authorizationRequest());
            bob.submit("kc-form-login", Map.of("username", "bob"));
            bob.submit("kc-form-login", Map.of("password", PASSWORD));
            assertTrue(bob.text().contains("Sign in with your main (master) account instead"), bob.text());
            bob.screenshot("refused");
            List<String> problems = bob.accessibilityProblems();
            assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        }

        String link = DemoRealm.admin().get("/admin/realms/" + realm.getName() + "/kcentra-links/users/" + userId("alice")).path("links").get(0).path("id").asText();
        browser.submit("kcentra-unlink-" + link, Map.of());
        assertTrue(browser.text().contains("Unlink bob from your account?"), browser.text());
        browser.screenshot("unlink-confirmation");
        accessible();
        browser.submit("kcentra-unlink-confirm", Map.of());
        assertTrue(browser.text().contains("bob is no longer linked to your account"), browser.text());
        browser.screenshot("unlinked");
        accessible();
        JsonNode bob = DemoRealm.admin().get("/admin/realms/" + realm.getName() + "/kcentra-links/users/" + userId("bob"));
        assertEquals("none", bob.path("role").asText());
    }

    /**
     * Keycloak's account console for every kind of demo user: the local password users (from the realm file) and an
     * Entra user (synced, signed in through the stand-in). Each sees their own personal info, not "Something went
     * wrong" (the account REST API answers 403 to a user without the realm's default roles).
     */
    @Test
    void everyKindOfDemoUserUsesTheAccountConsole() {
        URI account = URI.create(realm.getBaseUrl() + "/account/");
        for (String user : List.of("alice", "bob", ADELE)) {
            try (Chromium console = new Chromium("accountConsole-" + user.substring(0, user.indexOf('.') > 0 ? user.indexOf('.') : user.length()))) {
                console.open(account);
                // The console is a script page that sends the browser to the sign-in page once it has loaded.
                console.await(driver -> !driver.findElements(By.id("kc-form-login")).isEmpty());
                console.submit("kc-form-login", Map.of("username", user));
                if (user.equals(ADELE)) {
                    console.await(driver -> driver.getCurrentUrl().startsWith(entra.loginBaseUrl()));
                    console.submit("signin", Map.of("passwd", ENTRA_PASSWORD));
                } else {
                    console.submit("kc-form-login", Map.of("password", PASSWORD));
                }
                String email = user.equals(ADELE) ? ADELE : user + "@example.com";
                console.await(driver -> console.text().contains("Something went wrong")
                        || !driver.findElements(By.id("email")).isEmpty() && email.equals(console.value(By.id("email"))));
                console.screenshot("personal-info");
                assertFalse(console.text().contains("Something went wrong"), user + ": " + console.text());
                assertEquals(email, console.value(By.id("email")), user);
            }
        }
    }

    @Test
    void theAccessibilityCheckCanFail() {
        // The same check on a page with an unlabelled field and a nameless button: it must object, or it proves nothing.
        browser.open(URI.create("data:text/html," + URLEncoder.encode("<html lang=en><head><title>t</title></head><body><main><form>"
                + "<input type=text name=q><button></button></form></main></body></html>", StandardCharsets.UTF_8).replace("+", "%20")));
        List<String> problems = browser.accessibilityProblems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("label ")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("button-name ")), problems::toString);
    }

    /** Our pages pass axe-core's WCAG 2 A/AA rules (serious and critical findings fail the test). */
    private void accessible() {
        List<String> problems = browser.accessibilityProblems();
        assertTrue(problems.isEmpty(), () -> browser.url() + ":\n" + String.join("\n", problems));
    }

    private void signInAsAlice() {
        browser.submit("kc-form-login", Map.of("username", "alice"));
        browser.submit("kc-form-login", Map.of("password", PASSWORD));
    }

    private String userId(String username) {
        return realm.admin().users().searchByUsername(username, true).get(0).getId();
    }

    /** The test framework's admin (master realm, admin/admin). */}
