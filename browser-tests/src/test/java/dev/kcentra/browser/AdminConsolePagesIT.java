package dev.kcentra.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.testsupport.AdminApi;
import dev.kcentra.testsupport.DemoStandIn;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.LegacyFormApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our pages in the admin console (admin theme "kcentra", admin-ui-ext), driven in Chromium like an admin would: a
 * shared credential created and assigned to a group, then launched by a member of that group; a user's Entra facts
 * and linked accounts (link, unlink); the realm's Entra SSO page (switches, sync, set-password emails).
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class AdminConsolePagesIT {

    private static final String PASSWORD = "Demo-Password-1!";
    private static final String LEDGER_SECRET = "Ledger-Secret-1!";

    @InjectRealm(fromJson = "/realms/entra-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak keycloak;

    @InjectMailServer
    MailServer mail;

    // The demo realm's Entra ID connection syncs from the stand-in; DemoStandIn starts it once per JVM.
    private final EntraStandIn entra = DemoStandIn.get();
    private final AdminApi admin = DemoRealm.admin();
    private Chromium browser;

    @BeforeEach
    void start(TestInfo test) {
        // Per test, not per class: a class-level assumption is reported as no tests at all, not as skipped ones.
        Chromium.assumeInstalled();
        adminTheme("kcentra");
        DemoRealm.syncEntraUsers(realm);
        browser = new Chromium(test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void stop() {
        if (browser == null) {
            return; // skipped before anything started
        }
        browser.close();
        adminTheme("");
    }

    @Test
    void anAdminSharesACredentialThatAFinanceUserLaunches() throws Exception {
        try (LegacyFormApp legacy = LegacyFormApp.start("change-secret")) {
            legacy.acceptPassword(LEDGER_SECRET);
            signInToConsole("users");
            clickNav("Shared credentials");
            browser.await(driver -> !driver.findElements(By.cssSelector("[data-testid='kcentra-create-app']")).isEmpty());
            browser.screenshot("shared-credentials");
            accessible();

            click("kcentra-create-app");
            browser.await(driver -> !driver.findElements(By.cssSelector("[data-testid='kcentra-app-name']")).isEmpty());
            browser.type("kcentra-app-name", "Ledger");
            browser.type("kcentra-app-loginUrl", legacy.loginUrl().toString());
            browser.type("kcentra-app-usernameField", "user");
            browser.type("kcentra-app-passwordField", "pass");
            browser.screenshot("create-password-app");
            click("kcentra-app-save");

            // Created: the console opens the app's credential tab.
            browser.await(driver -> !driver.findElements(By.cssSelector("[data-testid='kcentra-credential-username']")).isEmpty());
            browser.type("kcentra-credential-username", "svc-ledger");
            browser.type("kcentra-credential-password", LEDGER_SECRET);
            click("kcentra-credential-save");
            browser.await(driver -> driver.findElement(By.cssSelector("[data-testid='kcentra-credential-summary']")).getText().contains("version 1"));
            browser.screenshot("credential-stored");
            accessible();
            assertFalse(browser.source().contains(LEDGER_SECRET), "the password is write-only: not on the page after storing");

            tab("Groups");
            click("kcentra-assign-group");
            browser.await(driver -> driver.findElement(By.cssSelector("[data-testid='kcentra-group-/Finance']"))).click();
            click("kcentra-assign");
            browser.await(driver -> driver.findElement(By.cssSelector("[data-testid='kcentra-groups']")).getText().contains("/Finance"));
            browser.screenshot("group-assigned");
            accessible();
            tab("Who has access");
            browser.await(driver -> driver.findElement(By.cssSelector("[data-testid='kcentra-access']")).getText().contains("alice"));
            browser.screenshot("who-has-access");

            String vault = "/admin/realms/" + realm.getName() + "/kcentra-vault/";
            JsonNode ledger = app(vault, "Ledger");
            String appId = ledger.get("id").asText();
            assertEquals("svc-ledger", ledger.get("credential").get("username").asText());
            assertEquals(1, ledger.get("credential").get("version").asInt());
            assertEquals("/Finance", admin.get(vault + "apps/" + appId + "/groups").get(0).get("path").asText());

            // Alice is in Finance: she launches the app and the legacy app receives the credential the admin typed.
            try (Chromium alice = new Chromium("financeUserLaunches")) {
                alice.open(URI.create(realm.getBaseUrl() + "/kcentra-apps/"));
                alice.submit("kc-form-login", Map.of("username", "alice"));
                alice.submit("kc-form-login", Map.of("password", PASSWORD));
                alice.await(driver -> !driver.findElements(By.id("kcentra-launch-" + appId)).isEmpty());
                alice.element(By.cssSelector("#kcentra-launch-" + appId + " button")).click();
                alice.await(driver -> driver.findElement(By.tagName("body")).getText().contains("Welcome svc-ledger"));
                alice.screenshot("ledger-signed-in");
            }
            assertEquals(List.of(Map.of("user", "svc-ledger", "pass", LEDGER_SECRET)),
                    legacy.logins().stream().map(LegacyFormApp.Received::fields).toList());

            tab("Access log");
            browser.await(driver -> !driver.findElements(By.cssSelector("[data-testid='kcentra-access-log']")).isEmpty());
            String log = browser.element(By.cssSelector("[data-testid='kcentra-access-log']")).getText();
            assertTrue(log.contains("alice") && log.contains("launch") && log.contains("success"), log);
            browser.screenshot("access-log");
            accessible();

            // An own credential for alice, then removed again: her launches would use it instead of the shared one.
            tab("Who has access");
            click("kcentra-own-credential-alice");
            browser.await(driver -> driver.findElement(By.id("kcentra-own-username"))).sendKeys("alice-ledger");
            browser.element(By.id("kcentra-own-password")).sendKeys("Own-Ledger-1!");
            click("kcentra-own-credential-save");
            browser.await(driver -> !driver.findElements(By.cssSelector("[data-testid='kcentra-remove-own-credential-alice']")).isEmpty());
            assertTrue(ownCredential(vault + "apps/" + appId + "/access", "alice"));
            click("kcentra-remove-own-credential-alice");
            click("kcentra-confirm");
            browser.await(driver -> driver.findElements(By.cssSelector("[data-testid='kcentra-remove-own-credential-alice']")).isEmpty() ? true : null);
            assertFalse(ownCredential(vault + "apps/" + appId + "/access", "alice"));
            admin.call("DELETE", vault + "apps/" + appId, null);
        }
    }

    @Test
    void anAdminRevealsAPasswordOnlyRightAfterSigningInAgain() throws Exception {
        String vault = "/admin/realms/" + realm.getName() + "/kcentra-vault/";
        HttpResponse<String> created = admin.call("POST", vault + "apps", "{\"name\": \"Reveal\", \"loginUrl\": \"http://127.0.0.1:1/login\", "
                + "\"injection\": \"form\", \"usernameField\": \"u\", \"passwordField\": \"p\"}");
        String location = created.headers().firstValue("Location").orElseThrow();
        String appId = location.substring(location.lastIndexOf('/') + 1);
        admin.call("PUT", vault + "apps/" + appId + "/credential", "{\"username\": \"svc-reveal\", \"password\": \"Reveal-Secret-1!\"}");
        try {
            signInToConsole("page-section/kcentra-shared-credentials/" + appId + "/credential");
            browser.await(driver -> driver.findElement(By.cssSelector("[data-testid='kcentra-reveal']")));
            // The console sign-in is older than the server allows for a reveal: it asks for a fresh one.
            Thread.sleep((EntraBundleServerConfig.REVEAL_MAX_AGE_SECONDS + 1) * 1000L);
            click("kcentra-reveal");
            browser.await(driver -> driver.findElement(By.cssSelector("[data-testid='kcentra-reveal-sign-in']")));
            assertFalse(browser.source().contains("Reveal-Secret-1!"));
            browser.screenshot("reveal-needs-sign-in");
            // Rotate now sends the password somewhere too: the same stale sign-in is refused there, on the page.
            tab("Rotation");
            click("kcentra-rotate-now");
            browser.await(driver -> driver.findElement(By.cssSelector("[data-testid='kcentra-rotation-sign-in']")));
            assertTrue(browser.text().contains("needs a fresh sign-in"), browser.text());
            browser.screenshot("rotate-needs-sign-in");
            assertEquals(1, admin.get(vault + "apps/" + appId).path("credential").path("version").asInt(), "not rotated");
            // Signing in again from there comes back to the same tab.
            click("kcentra-sign-in-again");
            browser.await(driver -> !driver.findElements(By.id("kc-form-login")).isEmpty());
            browser.submit("kc-form-login", Map.of("password", "admin"));
            browser.await(driver -> driver.findElement(By.cssSelector("[data-testid='kcentra-rotate-now']")));
            tab("Credential");
            click("kcentra-reveal");
            String shown = browser.await(driver -> {
                List<WebElement> inputs = driver.findElements(By.cssSelector("[data-testid='kcentra-revealed-password'] input"));
                return inputs.isEmpty() ? null : inputs.get(0).getAttribute("value");
            });
            assertEquals("Reveal-Secret-1!", shown);
            browser.screenshot("revealed");
            click("kcentra-reveal-close");
            browser.await(driver -> driver.findElements(By.cssSelector("[data-testid='kcentra-revealed-password']")).isEmpty() ? true : null);
            assertFalse(browser.source().contains("Reveal-Secret-1!"), "closed: gone from the page");
        } finally {
            admin.call("DELETE", vault + "apps/" + appId, null);
        }
    }

    @Test
    void anAdminSeesAUsersEntraFactsAndLinksAndUnlinksAnAccount() throws Exception {
        String adele = userId("adele.vance@contoso.example");
        signInToConsole("users/" + adele + "/settings");
        tab("Entra ID & linked accounts");
        browser.await(driver -> !driver.findElements(By.cssSelector("[data-testid='kcentra-object-id']")).isEmpty());
        String objectId = realm.admin().users().get(adele).toRepresentation().getAttributes().get("entra.objectId").get(0);
        assertEquals(objectId, browser.element(By.cssSelector("[data-testid='kcentra-object-id']")).getText());
        assertTrue(browser.element(By.cssSelector("[data-testid='kcentra-user-sso']")).getText().startsWith("Yes"), "SSO for all synced users");
        browser.screenshot("user-entra");

        String alice = userId("alice");
        browser.open(URI.create(DemoRealm.ADMIN_CONSOLE + "#/" + realm.getName() + "/users/" + alice + "/kcentra-entra"));
        browser.await(driver -> !driver.findElements(By.cssSelector("[data-testid='kcentra-not-synced']")).isEmpty());
        assertTrue(!browser.findAll("[data-testid='kcentra-no-links']").isEmpty(), "alice has no links yet");
        browser.type("kcentra-link-username", "bob");
        click("kcentra-link");
        browser.await(driver -> !driver.findElements(By.cssSelector("[data-testid='kcentra-link-bob']")).isEmpty());
        browser.screenshot("user-linked-accounts");
        accessible();
        JsonNode links = admin.get("/admin/realms/" + realm.getName() + "/kcentra-links/users/" + alice);
        assertEquals("master", links.get("role").asText());
        assertEquals("bob", links.get("links").get(0).get("account").get("username").asText());
        assertTrue(mail.waitForIncomingEmail(15_000, 2), "linking tells both accounts");

        click("kcentra-unlink-bob");
        browser.await(driver -> driver.findElement(By.cssSelector("[data-testid='kcentra-confirm']"))).click();
        browser.await(driver -> !driver.findElements(By.cssSelector("[data-testid='kcentra-no-links']")).isEmpty());
        browser.screenshot("user-unlinked");
        assertEquals("none", admin.get("/admin/realms/" + realm.getName() + "/kcentra-links/users/" + userId("bob")).get("role").asText());
    }

    @Test
    void anAdminTurnsSsoPerUserAndSendsSetPasswordEmails() throws Exception {
        ComponentRepresentation original = realm.admin().components().query(realm.getId(), "org.keycloak.storage.UserStorageProvider").get(0);
        try {
            ssoPerUser();
        } finally {
            realm.admin().components().component(original.getId()).update(original);
        }
    }

    private void ssoPerUser() throws Exception {
        signInToConsole("users");
        clickNav("Entra SSO");
        browser.await(driver -> !driver.findElements(By.cssSelector("[data-testid='kcentra-sso-all']")).isEmpty());
        assertTrue(browser.element(By.cssSelector("[data-testid='kcentra-last-sync']")).getText().contains("full sync"), "the last run's status");
        assertTrue(!browser.findAll("[data-testid='kcentra-no-stranded']").isEmpty(), "with SSO for all, nobody is stranded");
        browser.screenshot("entra-sso");
        accessible();

        // SSO per user from now on: synced users without the flag have neither Microsoft nor a password.
        browser.switchOff("kcentra-sso-all");
        browser.type("kcentra-sso-domains", "contoso.example");
        browser.type("kcentra-outage-message", "Status: https://status.example");
        click("kcentra-save");
        browser.await(driver -> !driver.findElements(By.cssSelector("[data-testid='kcentra-stranded']")).isEmpty());
        assertTrue(browser.element(By.cssSelector("[data-testid='kcentra-stranded']")).getText().contains("adele.vance@contoso.example"));
        browser.screenshot("entra-sso-stranded");
        accessible();
        ComponentRepresentation connection = realm.admin().components().query(realm.getId(), "org.keycloak.storage.UserStorageProvider").get(0);
        assertEquals("false", connection.getConfig().getFirst("ssoForAllSynced"));
        assertEquals(List.of("contoso.example"), connection.getConfig().get("ssoDomains"));
        assertEquals("Status: https://status.example", connection.getConfig().getFirst("outageMessage"));

        // Adele and Megan get one each; Diego is disabled in Entra, so he is named and skipped.
        click("kcentra-send-set-password");
        String outcome = browser.await(driver -> {
            String alerts = driver.findElements(By.cssSelector("[data-testid='global-alerts']")).stream()
                    .map(WebElement::getText).collect(Collectors.joining("\n"));
            return alerts.contains("Set-password emails sent") ? alerts : null;
        });
        assertTrue(outcome.contains("Set-password emails sent: 2."), outcome);
        assertTrue(outcome.contains("Disabled, so not sent: diego.siciliani@contoso.example."), outcome);
        assertTrue(mail.waitForIncomingEmail(15_000, 2), "one email per reachable stranded user");
        browser.screenshot("set-password-emails-sent");

        click("kcentra-sync-changes");
        browser.await(driver -> driver.findElement(By.tagName("body")).getText().contains("The sync finished."));

        // With SSO per user, Adele's tab has the switch: on, she signs in with Microsoft and is no longer stranded.
        String adele = userId("adele.vance@contoso.example");
        browser.open(URI.create(DemoRealm.ADMIN_CONSOLE + "#/" + realm.getName() + "/users/" + adele + "/kcentra-entra"));
        browser.await(driver -> driver.findElement(By.cssSelector("input[data-testid='kcentra-user-sso']")));
        browser.switchOn("kcentra-user-sso");
        browser.await(driver -> "true".equals(firstAttribute(adele, "entra.sso")) ? true : null);
        browser.screenshot("user-sso-on");
        assertFalse(admin.get("/admin/realms/" + realm.getName() + "/kcentra-entra-sso/stranded-users").toString().contains("adele"));
    }

    private String firstAttribute(String userId, String name) {
        List<String> values = realm.admin().users().get(userId).toRepresentation().getAttributes().get(name);
        return values == null ? null : values.get(0);
    }

    @Test
    void keycloaksOwnConsoleTitlesTheEntriesAndNamesTheThemeTheyNeed() {
        adminTheme("");
        signInToConsole("users");
        clickNav("Shared credentials");
        browser.await(driver -> !driver.findElements(By.xpath("//nav//a[normalize-space(.)='Entra SSO']")).isEmpty());
        browser.await(driver -> driver.findElement(By.tagName("body")).getText().contains("Shown by the admin theme 'kcentra'") ? true : null);
        assertTrue(browser.findAll("[data-testid='kcentra-create-app']").isEmpty(), "without the theme, Keycloak's generic page");
        browser.screenshot("keycloak-v2-console");
    }

    /** Our pages in the console's main area: WCAG 2.0/2.1 A and AA, serious and critical findings fail. */
    private void accessible() {
        List<String> problems = browser.accessibilityProblemsIn("main");
        assertTrue(problems.isEmpty(), () -> browser.url() + ":\n" + String.join("\n", problems));
    }

    private void signInToConsole(String route) {
        DemoRealm.signInToConsole(browser, realm, route);
    }

    private void clickNav(String title) {
        browser.await(driver -> driver.findElement(By.xpath("//nav//a[normalize-space(.)='" + title + "']"))).click();
    }

    private void tab(String title) {
        browser.reachAndClick(browser.await(driver -> driver.findElement(By.xpath("//*[@role='tab' and normalize-space(.)='" + title + "']"))));
    }

    private void click(String testId) {
        browser.await(driver -> driver.findElement(By.cssSelector("[data-testid='" + testId + "']"))).click();
    }

    private JsonNode app(String vault, String name) throws Exception {
        for (JsonNode app : admin.get(vault + "apps")) {
            if (name.equals(app.get("name").asText())) {
                return app;
            }
        }
        throw new AssertionError("no app " + name);
    }

    private boolean ownCredential(String accessPath, String username) throws Exception {
        for (JsonNode user : admin.get(accessPath)) {
            if (username.equals(user.get("username").asText())) {
                return user.get("ownCredential").asBoolean();
            }
        }
        throw new AssertionError(username + " has no access");
    }

    private String userId(String username) {
        return realm.admin().users().searchByUsername(username, true).get(0).getId();
    }

    private void adminTheme(String theme) {
        RealmRepresentation master = keycloak.realm("master").toRepresentation();
        master.setAdminTheme(theme);
        keycloak.realm("master").update(master);
    }
}
