package dev.kcentra.it;

import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.testsupport.Browser;
import dev.kcentra.testsupport.DemoStandIn;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.RelyingApp;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.SynchronizationResultRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linked accounts on the demo realm, as shipped: a password user links the Entra account she also holds by signing in
 * with Microsoft (the stand-in), and from then on that account's Microsoft sign-in is refused; the identity-first
 * password page refuses a linked password account the same way.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class LinkedAccountsEntraIT {

    private static final String PASSWORD = "Demo-Password-1!";
    private static final String ENTRA_PASSWORD = "Entra-Demo-1!";
    private static final String ADELE = "adele.vance@contoso.example";
    private static final String MEGAN = "megan.bowen@contoso.example";

    @InjectRealm(fromJson = "/realms/entra-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    private final EntraStandIn entra = DemoStandIn.get();
    private RelyingApp app;

    @BeforeEach
    void start() {
        String connection = realm.admin().components().query(realm.getId(), "org.keycloak.storage.UserStorageProvider").get(0).getId();
        SynchronizationResultRepresentation result = realm.admin().userStorage().syncUsers(connection, "triggerFullSync");
        assertEquals(0, result.getFailed(), result.getStatus());
        app = RelyingApp.start(realm.getBaseUrl(), "demo-app");
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        // Each test starts without links: unlink everything alice and bob hold.
        for (String username : List.of("alice", "bob")) {
            Map<String, Object> links = links().get("users/" + userId(username));
            if ("linked".equals(links.get("role"))) {
                assertEquals(204, links().send("DELETE", "links/" + links.get("linkId"), "").statusCode());
            }
            for (Object link : (List<?>) links.get("links")) {
                assertEquals(204, links().send("DELETE", "links/" + ((Map<?, ?>) link).get("id"), "").statusCode());
            }
        }
    }

    @Test
    void aPasswordUserLinksHerEntraAccountBySigningInWithMicrosoftAndThatAccountIsRefusedFromThenOn() throws Exception {
        try (Browser browser = new Browser()) {
            HtmlPage page = signIn(browser, "alice");
            HtmlPage microsoft = browser.submit(page, "kcentra-link-provider-entra", Map.of());
            assertTrue(microsoft.getUrl().toString().startsWith(entra.loginBaseUrl()), "off to Microsoft: " + microsoft.getUrl());
            assertEquals("login", entra.lastAuthorizeRequest().get("prompt"), "Microsoft lets the user sign in with another account");
            HtmlPage back = browser.submit(microsoft, "signin", Map.of("loginfmt", ADELE, "passwd", ENTRA_PASSWORD));
            assertTrue(back.getUrl().toString().endsWith("/kcentra-links/"), back.getUrl() + "\n" + back.asNormalizedText());
            assertTrue(back.asNormalizedText().contains("Account has been successfully linked: " + ADELE + "."), back.asNormalizedText());
            HtmlPage again = browser.open(URI.create(realm.getBaseUrl() + "/kcentra-links/"));
            assertNotNull(again.getElementById("kcentra-linked-accounts"), "alice is still signed in: the Microsoft sign-in did not replace her session");
            String link = (String) ((Map<?, ?>) ((List<?>) links().get("users/" + userId("alice")).get("links")).get(0)).get("id");
            HtmlPage noPassword = browser.submit(again, "kcentra-password-" + link, Map.of("password-new", "Chosen-1!", "password-confirm", "Chosen-1!"));
            assertTrue(noPassword.asNormalizedText().contains("This account signs in with Microsoft (Entra SSO)"), noPassword.asNormalizedText());
        }
        String adele = userId(ADELE);
        assertTrue(realm.admin().users().get(adele).credentials().stream().noneMatch(c -> "password".equals(c.getType())),
                "SSO replaces the password, also when a master sets it");
        Map<String, Object> alice = links().get("users/" + userId("alice"));
        assertEquals("master", alice.get("role"));
        Map<?, ?> link = (Map<?, ?>) ((List<?>) alice.get("links")).get(0);
        assertEquals(adele, ((Map<?, ?>) link.get("account")).get("userId"), "the synced Entra user is the linked account");
        assertEquals("idp:entra", link.get("linkedBy"));
        assertTrue(realm.admin().users().get(adele).getUserSessions().isEmpty(), "proving the account created no session for it");

        try (Browser browser = new Browser()) {
            HtmlPage microsoft = browser.submit(browser.open(app.authorizationRequest()), "kc-form-login", Map.of("username", ADELE));
            HtmlPage refused = browser.submit(microsoft, "signin", Map.of("passwd", ENTRA_PASSWORD));
            assertEquals(403, refused.getWebResponse().getStatusCode(), refused.asNormalizedText());
            assertTrue(refused.asNormalizedText().contains("Sign in with your main (master) account instead"), refused.asNormalizedText());
        }
        assertTrue(app.lastResult() == null || !app.lastResult().succeeded(), "the app got no sign-in for the linked account");
        assertTrue(realm.admin().users().get(adele).getUserSessions().isEmpty());
        assertTrue(events(adele).stream().anyMatch(e -> "kcentra_linked_account".equals(e.getError())), "the refusal is an event");
    }

    @Test
    void anEntraIdentityWithoutAKeycloakUserIsLinkedAsItselfAndNeverSignsIn() throws Exception {
        // Megan's Keycloak account no longer carries her Entra identity: to Keycloak, that identity is a stranger.
        String megan = userId(MEGAN);
        realm.admin().users().get(megan).removeFederatedIdentity("entra");
        try (Browser browser = new Browser()) {
            HtmlPage page = signIn(browser, "bob");
            HtmlPage microsoft = browser.submit(page, "kcentra-link-provider-entra", Map.of());
            HtmlPage back = browser.submit(microsoft, "signin", Map.of("loginfmt", MEGAN, "passwd", ENTRA_PASSWORD));
            assertTrue(back.asNormalizedText().contains("Account has been successfully linked"), back.asNormalizedText());
            assertTrue(back.asNormalizedText().contains(MEGAN), "the page names the provider's account");
        }
        assertTrue(realm.admin().users().get(megan).getFederatedIdentity().isEmpty(), "linking attached the identity to nobody");
        Map<?, ?> account = (Map<?, ?>) ((Map<?, ?>) ((List<?>) links().get("users/" + userId("bob")).get("links")).get(0)).get("account");
        assertEquals(MEGAN, account.get("username"));
        assertEquals(null, account.get("userId"));

        try (Browser browser = new Browser()) {
            HtmlPage microsoft = browser.open(app.authorizationRequest(Map.of("kc_idp_hint", "entra")));
            HtmlPage refused = browser.submit(microsoft, "signin", Map.of("loginfmt", MEGAN, "passwd", ENTRA_PASSWORD));
            assertEquals(403, refused.getWebResponse().getStatusCode(), refused.asNormalizedText());
            assertTrue(refused.asNormalizedText().contains("Sign in with your main (master) account instead"), refused.asNormalizedText());
        }
        assertTrue(realm.admin().users().get(megan).getFederatedIdentity().isEmpty(), "the refused first sign-in linked nothing either");
        assertEquals(1, realm.admin().users().searchByUsername(MEGAN, false).size(), "and created no user");
    }

    @Test
    void theIdentityFirstPasswordPageRefusesALinkedPasswordAccount() throws Exception {
        try (Browser browser = new Browser()) {
            HtmlPage page = signIn(browser, "alice");
            HtmlPage linked = browser.submit(page, "kcentra-link-form", Map.of("username", "bob", "password", PASSWORD));
            assertTrue(linked.asNormalizedText().contains("Account has been successfully linked: bob."), linked.asNormalizedText());
        }
        try (Browser browser = new Browser()) {
            HtmlPage password = browser.submit(browser.open(app.authorizationRequest()), "kc-form-login", Map.of("username", "bob"));
            HtmlPage refused = browser.submit(password, "kc-form-login", Map.of("password", PASSWORD));
            assertEquals(403, refused.getWebResponse().getStatusCode(), refused.asNormalizedText());
            assertTrue(refused.asNormalizedText().contains("Sign in with your main (master) account instead"), refused.asNormalizedText());
        }
        assertTrue(app.lastResult() == null || !app.lastResult().succeeded());
    }

    private HtmlPage signIn(Browser browser, String username) {
        HtmlPage identifier = browser.open(URI.create(realm.getBaseUrl() + "/kcentra-links/"));
        HtmlPage password = browser.submit(identifier, "kc-form-login", Map.of("username", username));
        HtmlPage page = browser.submit(password, "kc-form-login", Map.of("password", PASSWORD));
        assertNotNull(page.getElementById("kcentra-linked-accounts"), page.asNormalizedText());
        return page;
    }

    private AdminRestCalls links() {
        return new AdminRestCalls(realm, admin, "kcentra-links");
    }

    private String userId(String username) {
        return realm.admin().users().searchByUsername(username, true).get(0).getId();
    }

    private List<EventRepresentation> events(String userId) {
        return realm.admin().getEvents(null, null, userId, null, null, null, null, null);
    }
}
