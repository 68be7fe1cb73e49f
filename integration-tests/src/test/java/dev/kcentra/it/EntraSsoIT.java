package dev.kcentra.it;

import dev.kcentra.testsupport.EntraBundleServerConfig;
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

    private SignInScene scene;

    @BeforeEach
    void start() {
        scene = new SignInScene(realm);
    }

    @AfterEach
    void stop() {
        scene.close();
    }

    @Test
    void withSsoOffSyncedUsersSignInWithAKeycloakPasswordAnAdminSet() {
        scene.tenant.connect(scene.tenant.secretConnection());
        scene.tenant.fullSync();
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("Keycloak-Password-1!");
        password.setTemporary(false);
        realm.admin().users().get(scene.tenant.user(ALEX).getId()).resetPassword(password);

        HtmlPage passwordPage = scene.identify(ALEX);
        assertTrue(passwordPage.asXml().contains("template: kcentra-password.ftl"));
        scene.browser.submit(passwordPage, "kc-form-login", Map.of("password", "Keycloak-Password-1!"));
        assertTrue(scene.app.lastResult() != null && scene.app.lastResult().succeeded(), "the synced user signs in with the password");
        assertEquals(ALEX, scene.app.lastResult().idToken().getClaim("preferred_username"));
    }

    @Test
    void enableForAllSyncedUsersSendsEverySyncedUserToMicrosoftButNoLocalUser() {
        scene.tenant.connect(scene.tenant.secretConnection().set("ssoEnabled", "true").set("ssoForAllSynced", "true"));
        scene.tenant.fullSync();
        assertMicrosoftRoute(ALEX);
        assertMicrosoftRoute(BIANCA);
        assertPasswordRoute(LOCAL);
    }

    @Test
    void perUserSsoAppliesToFlaggedSyncedUsersOnly() {
        scene.tenant.connect(scene.tenant.secretConnection().set("ssoEnabled", "true"));
        scene.tenant.fullSync();
        scene.setSsoFlag(ALEX, "true");
        assertMicrosoftRoute(ALEX);
        assertPasswordRoute(BIANCA);

        scene.setSsoFlag(ALEX, "false");
        assertPasswordRoute(ALEX);
    }

    @Test
    void switchingSsoOffForTheRealmTakesEffectAtTheNextSignIn() {
        scene.tenant.connect(scene.tenant.secretConnection().set("ssoEnabled", "true").set("ssoForAllSynced", "true"));
        scene.tenant.fullSync();
        assertMicrosoftRoute(ALEX);
        scene.tenant.updateConnection("ssoForAllSynced", "false");
        scene.tenant.updateConnection("ssoEnabled", "false");
        assertPasswordRoute(ALEX);
    }

    @Test
    void theFlagIsRefusedForUsersThatAreNotSynced() {
        scene.tenant.connect(scene.tenant.secretConnection().set("ssoEnabled", "true"));
        scene.tenant.fullSync();
        BadRequestException refused = assertThrows(BadRequestException.class, () -> scene.setSsoFlag(LOCAL, "true"));
        assertTrue(refused.getResponse().readEntity(String.class).contains("only be switched on for users synced"));
        assertPasswordRoute(LOCAL);
    }

    @Test
    void withSsoForAllSyncedThereAreNoPerUserExceptions() {
        scene.tenant.connect(scene.tenant.secretConnection().set("ssoEnabled", "true").set("ssoForAllSynced", "true"));
        scene.tenant.fullSync();
        BadRequestException refused = assertThrows(BadRequestException.class, () -> scene.setSsoFlag(ALEX, "true"));
        assertTrue(refused.getResponse().readEntity(String.class).contains("per-user exceptions are not possible"),
                "the flag cannot be changed while it has no effect");

        UserRepresentation alex = realm.admin().users().get(scene.tenant.user(ALEX).getId()).toRepresentation();
        alex.setFirstName("Alexander");
        realm.admin().users().get(alex.getId()).update(alex);
        assertEquals("Alexander", realm.admin().users().get(alex.getId()).toRepresentation().getFirstName(),
                "editing anything else is not blocked by the flag");
        assertMicrosoftRoute(ALEX);
    }

    private void assertMicrosoftRoute(String username) {
        HtmlPage next = scene.identify(username);
        assertTrue(next.getUrl().toString().startsWith(scene.tenant.entra.loginBaseUrl() + "/" + SyncTenant.TENANT + "/oauth2/v2.0/authorize"),
                () -> username + " should go to Microsoft, got " + next.getUrl());
        assertEquals(username, scene.tenant.entra.lastAuthorizeRequest().get("login_hint"));
    }

    private void assertPasswordRoute(String username) {
        HtmlPage next = scene.identify(username);
        assertTrue(next.asXml().contains("template: kcentra-password.ftl"), () -> username + " should get the password page, got " + next.getUrl());
    }

}
