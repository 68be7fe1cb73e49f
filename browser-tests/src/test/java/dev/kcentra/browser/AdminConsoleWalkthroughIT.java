package dev.kcentra.browser;

import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.testsupport.DemoStandIn;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.RelyingApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An admin in Keycloak's own admin console (no hand-edited JSON): connects the demo realm to the Entra stand-in under
 * User federation > Entra ID (the connection's settings are the provider's declared properties, so the console draws
 * the form), with SSO on, and runs a full sync; then an Entra user signs in with Microsoft.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class AdminConsoleWalkthroughIT {

    private static final String ADELE = "adele.vance@contoso.example";

    @InjectRealm(fromJson = "/realms/entra-demo-realm.json")
    ManagedRealm realm;

    private final EntraStandIn entra = DemoStandIn.get();
    private Chromium browser;

    @BeforeEach
    void start(TestInfo test) {
        // Per test, not per class: a class-level assumption is reported as no tests at all, not as skipped ones.
        Chromium.assumeInstalled();
        // The admin sets the connection up: the realm starts without the one its file brings.
        for (ComponentRepresentation connection : realm.admin().components().query(realm.getId(), "org.keycloak.storage.UserStorageProvider")) {
            realm.admin().components().component(connection.getId()).remove();
        }
        browser = new Chromium(test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void stop() {
        if (browser == null) {
            return; // skipped before anything started
        }
        browser.close();
    }

    @Test
    void anAdminConnectsEntraIdAndSyncs() {
        browser.open(URI.create(DemoRealm.ADMIN_CONSOLE + "#/" + realm.getName() + "/user-federation"));
        browser.await(driver -> !driver.findElements(By.id("kc-form-login")).isEmpty());
        browser.screenshot("admin-sign-in");
        browser.submit("kc-form-login", Map.of("username", "admin", "password", "admin"));
        browser.await(driver -> driver.findElement(By.tagName("body")).getText().contains("Entra ID"));
        browser.screenshot("user-federation");
        browser.element(By.cssSelector("[data-testid='Entra ID-card'] label")).click();
        browser.await(driver -> !driver.findElements(By.cssSelector("[data-testid='tenantId']")).isEmpty());
        browser.type("name", "Entra ID");
        browser.type("tenantId", DemoStandIn.TENANT_ID);
        browser.type("clientId", "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c");
        browser.choose("authentication", "secret");
        browser.type("config.clientSecret", "demo-broker-secret");
        browser.choose("cloud", "custom");
        browser.type("authorityUrl", entra.loginBaseUrl());
        browser.type("graphUrl", "http://127.0.0.1:" + DemoStandIn.GRAPH_PORT);
        browser.switchOn("ssoEnabled");
        browser.switchOn("ssoForAllSynced");
        browser.screenshot("entra-id-form");
        browser.element(By.cssSelector("[data-testid='custom-save']")).click();
        browser.await(driver -> driver.findElement(By.tagName("body")).getText().contains("successfully"));
        browser.screenshot("entra-id-saved");
        browser.element(By.xpath("//a[normalize-space(.)='Entra ID']")).click();
        browser.await(driver -> !driver.findElements(By.cssSelector("[data-testid='tenantId']")).isEmpty());
        browser.element(By.cssSelector("[data-testid='action-dropdown']")).click();
        browser.await(driver -> driver.findElement(By.xpath("//*[(self::button or self::a) and normalize-space(.)='Sync all users']"))).click();
        // The console says the sync started, then how it ended.
        browser.await(driver -> driver.findElement(By.tagName("body")).getText().contains("finished"));
        browser.screenshot("synced");
        List<ComponentRepresentation> connections = realm.admin().components().query(realm.getId(), "org.keycloak.storage.UserStorageProvider");
        assertEquals(1, connections.size());
        assertEquals("custom", connections.get(0).getConfig().getFirst("cloud"));
        assertEquals("true", connections.get(0).getConfig().getFirst("ssoEnabled"));
        assertEquals(1, realm.admin().users().searchByUsername(ADELE, true).size(), "the sync imported Entra's users");

        // SSO is on for all synced users: Adele signs in with Microsoft.
        try (RelyingApp app = RelyingApp.start(realm.getBaseUrl(), "demo-app")) {
            browser.open(app.authorizationRequest());
            browser.submit("kc-form-login", Map.of("username", ADELE));
            browser.await(driver -> driver.getCurrentUrl().startsWith(entra.loginBaseUrl()));
            browser.submit("signin", Map.of("passwd", "Entra-Demo-1!"));
            browser.await(driver -> app.lastResult() != null);
            assertTrue(app.lastResult().succeeded(), () -> "adele: " + app.lastResult().error());
            browser.screenshot("entra-user-signed-in");
        }
    }
}
