package dev.kcentra.it;

import dev.kcentra.testsupport.Browser;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.RelyingApp;
import jakarta.ws.rs.BadRequestException;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connection's SSO switches decide, at each sign-in, who goes to Microsoft; the per-user flag is guarded. */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class EntraSsoIT {

    private static final String ALEX = "alex.wilber@fabrikam.example";
    private static final String BIANCA = "bianca.pisani@fabrikam.example";
    private static final String LOCAL = "local.clash@fabrikam.example";

    @InjectRealm(ref = "sync", fromJson = SyncTenant.REALM_JSON)
    ManagedRealm realm;

    private SyncTenant tenant;
    private Browser browser;
    private RelyingApp app;

    @BeforeEach
    void start() {
        tenant = new SyncTenant(realm);
        browser = new Browser();
        app = RelyingApp.start(realm.getBaseUrl(), "demo-app");
    }

    @AfterEach
    void stop() {
        app.close();
        browser.close();
        tenant.close();
    }

    @Test
    void withSsoOffSyncedUsersSignInWithAKeycloakPasswordAnAdminSet() {
        tenant.connect(tenant.secretConnection());
        tenant.fullSync();
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("Keycloak-Password-1!");
        password.setTemporary(false);
        realm.admin().users().get(tenant.user(ALEX).getId()).resetPassword(password);

        HtmlPage passwordPage = identify(ALEX);
        assertTrue(passwordPage.asXml().contains("template: kcentra-password.ftl"));
        browser.submit(passwordPage, "kc-form-login", Map.of("password", "Keycloak-Password-1!"));
        assertTrue(app.lastResult() != null && app.lastResult().succeeded(), "the synced user signs in with the password");
        assertEquals(ALEX, app.lastResult().idToken().getClaim("preferred_username"));
    }

    @Test
    void enableForAllSyncedUsersSendsEverySyncedUserToMicrosoftButNoLocalUser() {
        tenant.connect(tenant.secretConnection().set("ssoEnabled", "true").set("ssoForAllSynced", "true"));
        tenant.fullSync();
        assertMicrosoftRoute(ALEX);
        assertMicrosoftRoute(BIANCA);
        assertPasswordRoute(LOCAL);
    }

    @Test
    void perUserSsoAppliesToFlaggedSyncedUsersOnly() {
        tenant.connect(tenant.secretConnection().set("ssoEnabled", "true"));
        tenant.fullSync();
        setSsoFlag(ALEX, "true");
        assertMicrosoftRoute(ALEX);
        assertPasswordRoute(BIANCA);

        setSsoFlag(ALEX, "false");
        assertPasswordRoute(ALEX);
    }

    @Test
    void switchingSsoOffForTheRealmTakesEffectAtTheNextSignIn() {
        tenant.connect(tenant.secretConnection().set("ssoEnabled", "true").set("ssoForAllSynced", "true"));
        tenant.fullSync();
        assertMicrosoftRoute(ALEX);
        tenant.updateConnection("ssoForAllSynced", "false");
        tenant.updateConnection("ssoEnabled", "false");
        assertPasswordRoute(ALEX);
    }

    @Test
    void theFlagIsRefusedForUsersThatAreNotSynced() {
        tenant.connect(tenant.secretConnection().set("ssoEnabled", "true"));
        tenant.fullSync();
        BadRequestException refused = assertThrows(BadRequestException.class, () -> setSsoFlag(LOCAL, "true"));
        assertTrue(refused.getResponse().readEntity(String.class).contains("only be switched on for users synced"));
        assertPasswordRoute(LOCAL);
    }

    @Test
    void withSsoForAllSyncedThereAreNoPerUserExceptions() {
        tenant.connect(tenant.secretConnection().set("ssoEnabled", "true").set("ssoForAllSynced", "true"));
        tenant.fullSync();
        BadRequestException refused = assertThrows(BadRequestException.class, () -> setSsoFlag(ALEX, "true"));
        assertTrue(refused.getResponse().readEntity(String.class).contains("per-user exceptions are not possible"),
                "the flag cannot be changed while it has no effect");

        UserRepresentation alex = realm.admin().users().get(tenant.user(ALEX).getId()).toRepresentation();
        alex.setFirstName("Alexander");
        realm.admin().users().get(alex.getId()).update(alex);
        assertEquals("Alexander", realm.admin().users().get(alex.getId()).toRepresentation().getFirstName(),
                "editing anything else is not blocked by the flag");
        assertMicrosoftRoute(ALEX);
    }

    private void setSsoFlag(String username, String value) {
        UserRepresentation user = realm.admin().users().get(tenant.user(username).getId()).toRepresentation();
        Map<String, List<String>> attributes = new HashMap<>(user.getAttributes() == null ? Map.of() : user.getAttributes());
        attributes.put("entra.sso", List.of(value));
        user.setAttributes(attributes);
        realm.admin().users().get(user.getId()).update(user);
    }

    private void assertMicrosoftRoute(String username) {
        HtmlPage next = identify(username);
        assertTrue(next.getUrl().toString().startsWith(tenant.entra.loginBaseUrl() + "/" + SyncTenant.TENANT + "/oauth2/v2.0/authorize"),
                () -> username + " should go to Microsoft, got " + next.getUrl());
        assertEquals(username, tenant.entra.lastAuthorizeRequest().get("login_hint"));
    }

    private void assertPasswordRoute(String username) {
        HtmlPage next = identify(username);
        assertTrue(next.asXml().contains("template: kcentra-password.ftl"), () -> username + " should get the password page, got " + next.getUrl());
    }

    private HtmlPage identify(String username) {
        browser.webClient().getCookieManager().clearCookies();
        HtmlPage identifier = browser.open(app.authorizationRequest());
        return browser.submit(identifier, "kc-form-login", Map.of("username", username));
    }
}
