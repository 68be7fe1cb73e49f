package dev.kcentra.it;

import dev.kcentra.standin.directory.Removal;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.seed.EntraUser;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.EntraSyncConnection;
import dev.kcentra.testsupport.RelyingApp.SignInResult;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.IdentityProviderResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.ComponentExportRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.SynchronizationResultRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attack paths around the Entra ID connection's scope (issue #17 items 9, 13, 14, 15): Microsoft sign-ins of
 * accounts the connection does not sync, email squatting at the tenant's domains, Entra attributes of imported
 * realms, and the abort threshold for deletions of disabled users.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class EntraScopeAttacksIT {

    private static final String PASSWORD = "Sync-Test-1!";
    private static final String ALEX = "alex.wilber@fabrikam.example";
    private static final String CAMERON = "cameron.white@fabrikam.example";
    private static final String ENGINEERING = "5ca1ab1e-0000-4000-8000-b00000000001";
    private static final String OTHER_TENANT = "5ca1ab1e-0000-4000-8000-000000000002";
    private static final String OLGA = "olga.north@northwind.example";
    private static final String REFUSAL = "This Microsoft account cannot sign in here";
    private static final String TENANT_EMAIL_REFUSAL = "belongs to your organization's Microsoft Entra ID";
    /** A second tenant, Northwind, whose users Microsoft's shared endpoints let sign in to the broker app. */
    private static final String NORTHWIND = """
            {"id": "%s", "displayName": "Northwind", "domains": ["northwind.example"], "applications": [], "groups": [],
             "users": [{"id": "5ca1ab1e-0000-4000-8000-200000000001", "userPrincipalName": "%s", "mail": "%s",
                        "displayName": "Olga North", "givenName": "Olga", "surname": "North", "accountEnabled": true,
                        "userType": "Member", "password": "%s"}]},
            """.formatted(OTHER_TENANT, OLGA, OLGA, PASSWORD);

    @InjectRealm(ref = "sync", fromJson = SyncTenant.REALM_JSON)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    private SignInScene scene;

    @AfterEach
    void stop() {
        if (scene != null) {
            scene.close();
        }
        // Local and brokered users are not removed with the connection.
        for (String username : List.of("mallory", CAMERON, OLGA)) {
            realm.admin().users().searchByUsername(username, true).forEach(u -> realm.admin().users().get(u.getId()).remove());
        }
    }

    /** The connection scoped to Engineering (Alex and Bianca), synced. */
    private void scopedToEngineering() {
        scene = new SignInScene(realm, seed -> seed.replace("\"tenants\": [", "\"tenants\": [" + NORTHWIND));
        scene.tenant.connect(scene.tenant.secretConnection().set("scopeGroups", ENGINEERING));
        SynchronizationResultRepresentation synced = scene.tenant.fullSync();
        assertEquals(2, synced.getAdded(), synced.getStatus());
    }

    @Test
    void aTenantUserOutsideTheScopeGroupsIsRefusedAndNoUserIsCreated() {
        scopedToEngineering();
        HtmlPage refused = signInAtMicrosoft(CAMERON);
        assertEquals(403, refused.getWebResponse().getStatusCode(), refused.asNormalizedText());
        assertTrue(refused.asNormalizedText().contains(REFUSAL), refused.asNormalizedText());
        assertNull(scene.app.lastResult(), "no code reached the app");
        assertTrue(realm.admin().users().searchByEmail(CAMERON, true).isEmpty(), "first broker login created no user");
        List<EventRepresentation> events = realm.admin().getEvents(List.of("IDENTITY_PROVIDER_LOGIN_ERROR"), null, null, null, null, null, null, null);
        assertTrue(events.stream().anyMatch(e -> "kcentra_entra_not_synced".equals(e.getError())
                && e.getDetails().get("reason").contains("5ca1ab1e-0000-4000-8000-100000000003")), () -> events.toString());

        SignInResult synced = signInAtMicrosoftResult(ALEX);
        assertNotNull(synced, "a synced user signs in as before");
        assertTrue(synced.succeeded(), synced::error);
    }

    @Test
    void aGuestTheConnectionExcludesIsRefused() {
        scopedToEngineering();
        scene.tenant.updateConnection("scopeGroups", "");
        scene.tenant.fullSync();
        HtmlPage microsoft = scene.browser.open(scene.app.authorizationRequest(Map.of("kc_idp_hint", "entra")));
        HtmlPage refused = scene.browser.submit(microsoft, "signin", Map.of("loginfmt", "gus@partner.example", "passwd", PASSWORD));
        assertEquals(403, refused.getWebResponse().getStatusCode(), refused.asNormalizedText());
        assertTrue(refused.asNormalizedText().contains(REFUSAL), refused.asNormalizedText());
        assertTrue(realm.admin().users().searchByEmail("gus@partner.example", true).isEmpty(), "the excluded guest got no user");
    }

    @Test
    void anotherTenantThatTheProviderAdmitsIsRefused() {
        scopedToEngineering();
        IdentityProviderResource idp = realm.admin().identityProviders().get("entra");
        IdentityProviderRepresentation original = idp.toRepresentation();
        try {
            idp.update(organizations(original));
            HtmlPage refused = signInAtMicrosoft(OLGA);
            assertEquals(403, refused.getWebResponse().getStatusCode(), refused.asNormalizedText());
            assertTrue(refused.asNormalizedText().contains(REFUSAL), refused.asNormalizedText());
            assertTrue(realm.admin().users().searchByEmail(OLGA, true).isEmpty(), "Northwind's user got no Keycloak user");
        } finally {
            idp.update(original);
        }
    }

    @Test
    void withTheSettingOffFirstBrokerLoginCreatesTheUserAsBefore() {
        scopedToEngineering();
        scene.tenant.updateConnection("signInSyncedUsersOnly", "false");
        SignInResult brokered = signInAtMicrosoftResult(CAMERON);
        assertNotNull(brokered, "the explicit looser setting lets first broker login run");
        assertTrue(brokered.succeeded(), brokered::error);
        assertEquals(1, realm.admin().users().searchByEmail(CAMERON, true).size());
    }

    @Test
    void aLocalUserCannotTakeAnAddressAtTheTenantsDomainsInTheAccountConsole() throws Exception {
        scene = new SignInScene(realm);
        scene.tenant.connect(scene.tenant.secretConnection().set("scopeGroups", ENGINEERING).set("ssoDomains", "fabrikam.example"));
        scene.tenant.fullSync();
        String token = localUserToken();

        HttpResponse<String> squat = updateOwnAccount(token, Map.of("email", CAMERON));
        assertEquals(400, squat.statusCode(), squat.body());
        assertTrue(squat.body().contains(TENANT_EMAIL_REFUSAL), squat.body());
        HttpResponse<String> elsewhere = updateOwnAccount(token, Map.of("email", "mallory@elsewhere.example"));
        assertEquals(204, elsewhere.statusCode(), "other domains are the user's to choose: " + elsewhere.body());

        // Without "Entra domains", the tenant's verified domains from Graph decide.
        scene.tenant.updateConnection("ssoDomains", "");
        scene.tenant.entra.directory().tenant(SyncTenant.TENANT).orElseThrow().grantAppRole(SyncTenant.SYNC_APP, "Domain.Read.All");
        HttpResponse<String> verifiedDomain = updateOwnAccount(token, Map.of("email", "cameron.w@fabrikam.example"));
        assertEquals(400, verifiedDomain.statusCode(), verifiedDomain.body());
        assertEquals("mallory@elsewhere.example", realm.admin().users().get(malloryId()).toRepresentation().getEmail());
    }

    @Test
    void aSyncTakesTheAddressFromAnUnverifiedLocalHolder() {
        scene = new SignInScene(realm);
        localUserToken();
        UserRepresentation mallory = realm.admin().users().get(malloryId()).toRepresentation();
        mallory.setEmail(CAMERON);
        mallory.setEmailVerified(false);
        realm.admin().users().get(mallory.getId()).update(mallory);

        scene.tenant.connect(scene.tenant.secretConnection());
        SynchronizationResultRepresentation result = scene.tenant.fullSync();
        assertTrue(result.getStatus().contains("was taken from the local user mallory"), result.getStatus());
        UserRepresentation cameron = scene.tenant.user(CAMERON);
        assertEquals(CAMERON, cameron.getEmail(), "the synced user has its Entra address");
        assertEquals(scene.tenant.componentId(), cameron.getFederationLink());
        assertNull(realm.admin().users().get(mallory.getId()).toRepresentation().getEmail(), "the squatter lost it");
        List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
        assertTrue(events.stream().anyMatch(e -> ("users/" + mallory.getId()).equals(e.getResourcePath())
                && "ACTION".equals(e.getOperationType()) && e.getRepresentation() != null && e.getRepresentation().contains(CAMERON)),
                () -> events.stream().map(AdminEventRepresentation::getResourcePath).toList().toString());
    }

    @Test
    void aVerifiedLocalHolderKeepsTheAddress() {
        scene = new SignInScene(realm);
        localUserToken();
        UserRepresentation mallory = realm.admin().users().get(malloryId()).toRepresentation();
        mallory.setEmail(CAMERON);
        mallory.setEmailVerified(true);
        realm.admin().users().get(mallory.getId()).update(mallory);

        scene.tenant.connect(scene.tenant.secretConnection());
        SynchronizationResultRepresentation result = scene.tenant.fullSync();
        assertTrue(result.getStatus().contains("belongs to another Keycloak user"), result.getStatus());
        assertEquals(CAMERON, realm.admin().users().get(mallory.getId()).toRepresentation().getEmail());
    }

    @Test
    void aRealmImportedWithAConnectionDeclaresTheEntraAttributesReadOnlyForUsers() throws Exception {
        scene = new SignInScene(realm);
        String name = "entra-imported";
        admin.realms().create(importedRealm(name));
        try {
            UPConfig profile = admin.realm(name).users().userProfile().getConfiguration();
            UPAttribute objectId = profile.getAttribute("entra.objectId");
            assertNotNull(objectId, "declared at import");
            assertFalse(objectId.getPermissions().getEdit().contains("user"), objectId.getPermissions().toString());
            UPAttribute tenantId = profile.getAttribute("entra.tenantId");
            assertFalse(tenantId.getPermissions().getEdit().contains("user"), "the imported user-editable declaration is tightened: "
                    + tenantId.getPermissions());
            assertFalse(profile.getAttribute("phoneNumber").getPermissions().getEdit().contains("user"));

            String token = token(name, "ivan", "Ivan-Password-1!");
            HttpResponse<String> edit = updateOwnAccount(name, token, Map.of("attributes",
                    Map.of("entra.objectId", List.of("11111111-1111-4111-8111-111111111111"), "entra.tenantId", List.of(OTHER_TENANT))));
            String ivanId = admin.realm(name).users().searchByUsername("ivan", true).get(0).getId();
            Map<String, List<String>> attributes = admin.realm(name).users().get(ivanId).toRepresentation().getAttributes();
            assertNull(attributes == null ? null : attributes.get("entra.objectId"), "status " + edit.statusCode() + ": " + edit.body());
            assertNull(attributes == null ? null : attributes.get("entra.tenantId"), "status " + edit.statusCode() + ": " + edit.body());
        } finally {
            admin.realm(name).remove();
        }
    }

    @Test
    void deletingUsersThatWereAlreadyDisabledCountsTowardsTheAbortThreshold() {
        scene = new SignInScene(realm);
        scene.tenant.connect(scene.tenant.secretConnection().set("deletionPolicy", "delete-after").set("deleteAfterDays", "0"));
        scene.tenant.fullSync();
        TenantDirectory directory = scene.tenant.entra.directory().tenant(SyncTenant.TENANT).orElseThrow();
        List<String> three = List.of("5ca1ab1e-0000-4000-8000-100000000001", "5ca1ab1e-0000-4000-8000-100000000002",
                "5ca1ab1e-0000-4000-8000-100000000003");
        for (String id : three) {
            EntraUser user = directory.user(id).orElseThrow();
            directory.upsertUser(new EntraUser(user.id(), user.userPrincipalName(), user.mail(), user.mobilePhone(), user.displayName(),
                    user.givenName(), user.surname(), false, user.userType(), user.onPremisesImmutableId(), user.password()));
        }
        scene.tenant.changedSync();
        assertFalse(scene.tenant.user(ALEX).isEnabled(), "disabled in Entra, disabled here");

        scene.tenant.updateConnection("abortThresholdPercent", "20");
        three.forEach(id -> directory.removeUser(id, Removal.DELETED));
        SynchronizationResultRepresentation stopped = scene.tenant.changedSync();
        assertTrue(stopped.getStatus().contains("would disable or delete 3 of 8"), stopped.getStatus());
        assertEquals(0, stopped.getRemoved(), stopped.getStatus());
        assertNotNull(scene.tenant.user(ALEX), "3 of 8 deletions are over the threshold, also of disabled users");

        scene.tenant.updateConnection("abortThresholdPercent", "100");
        SynchronizationResultRepresentation applied = scene.tenant.changedSync();
        assertEquals(3, applied.getRemoved(), applied.getStatus());
        assertTrue(realm.admin().users().searchByUsername(ALEX, true).isEmpty());
    }

    private HtmlPage signInAtMicrosoft(String upn) {
        scene.browser.webClient().getCookieManager().clearCookies();
        HtmlPage microsoft = scene.browser.open(scene.app.authorizationRequest(Map.of("kc_idp_hint", "entra", "login_hint", upn)));
        return scene.browser.submit(microsoft, "signin", Map.of("loginfmt", upn, "passwd", PASSWORD));
    }

    private SignInResult signInAtMicrosoftResult(String upn) {
        signInAtMicrosoft(upn);
        return scene.app.lastResult();
    }

    private IdentityProviderRepresentation organizations(IdentityProviderRepresentation original) {
        IdentityProviderRepresentation changed = realm.admin().identityProviders().get("entra").toRepresentation();
        Map<String, String> config = new HashMap<>(original.getConfig());
        String base = scene.tenant.entra.loginBaseUrl() + "/organizations";
        config.put("authorizationUrl", base + "/oauth2/v2.0/authorize");
        config.put("tokenUrl", base + "/oauth2/v2.0/token");
        config.put("jwksUrl", base + "/discovery/v2.0/keys");
        config.put("issuer", "");
        config.put("entraAccountType", "organizations");
        config.put("entraIssuerTemplate", scene.tenant.entra.loginBaseUrl() + "/{tenantid}/v2.0");
        config.remove("entraDomainHint");
        changed.setConfig(config);
        return changed;
    }

    /** A local password user "mallory" and an access token of hers for the account REST API. */
    private String localUserToken() {
        UserRepresentation user = new UserRepresentation();
        user.setUsername("mallory");
        user.setEnabled(true);
        user.setFirstName("Mallory");
        user.setLastName("Local");
        user.setEmail("mallory@local.example");
        user.setCredentials(List.of(SignInScene.password("Mallory-Password-1!")));
        realm.admin().users().create(user).close();
        return token(realm.getName(), "mallory", "Mallory-Password-1!");
    }

    private String malloryId() {
        return realm.admin().users().searchByUsername("mallory", true).get(0).getId();
    }

    private String token(String realmName, String username, String password) {
        try {
            String form = "grant_type=password&client_id=admin-cli&scope=openid&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
            HttpResponse<String> response = AdminRestCalls.HTTP.send(HttpRequest.newBuilder(URI.create(base(realmName) + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return (String) JsonSerialization.readValue(response.body(), Map.class).get("access_token");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> updateOwnAccount(String token, Map<String, Object> changes) throws Exception {
        return updateOwnAccount(realm.getName(), token, changes);
    }

    /** As the account console saves "Personal info": the user's own representation, changed, posted back. */
    @SuppressWarnings("unchecked")
    private HttpResponse<String> updateOwnAccount(String realmName, String token, Map<String, Object> changes) throws Exception {
        URI account = URI.create(base(realmName) + "/account/");
        HttpResponse<String> current = AdminRestCalls.HTTP.send(HttpRequest.newBuilder(account).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, current.statusCode(), current.body());
        Map<String, Object> me = JsonSerialization.readValue(current.body(), Map.class);
        me.remove("userProfileMetadata");
        me.putAll(changes);
        return AdminRestCalls.HTTP.send(HttpRequest.newBuilder(account).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(me))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base(String realmName) {
        return realm.getBaseUrl().substring(0, realm.getBaseUrl().lastIndexOf("/realms/")) + "/realms/" + realmName;
    }

    /**
     * A realm as a file would bring it: an Entra ID connection, a user, and a user profile that declares entra.tenantId
     * as user-editable and lets users edit undeclared attributes.
     */
    private RealmRepresentation importedRealm(String name) throws Exception {
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(name);
        rep.setEnabled(true);
        UserRepresentation ivan = new UserRepresentation();
        ivan.setUsername("ivan");
        ivan.setEnabled(true);
        ivan.setEmail("ivan@local.example");
        ivan.setFirstName("Ivan");
        ivan.setLastName("Imported");
        ivan.setCredentials(List.of(SignInScene.password("Ivan-Password-1!")));
        ivan.setRealmRoles(List.of("default-roles-" + name));
        rep.setUsers(List.of(ivan));

        MultivaluedHashMap<String, ComponentExportRepresentation> components = new MultivaluedHashMap<>();
        ComponentRepresentation connection = scene.tenant.secretConnection().representation(null);
        ComponentExportRepresentation entra = new ComponentExportRepresentation();
        entra.setName(connection.getName());
        entra.setProviderId(connection.getProviderId());
        entra.setConfig(connection.getConfig());
        components.add(EntraSyncConnection.PROVIDER_TYPE, entra);

        Map<String, Object> profile = Map.of(
                "unmanagedAttributePolicy", "ENABLED",
                "attributes", List.of(
                        attribute("username", List.of("admin", "user"), List.of("admin", "user")),
                        attribute("email", List.of("admin", "user"), List.of("admin", "user")),
                        attribute("firstName", List.of("admin", "user"), List.of("admin", "user")),
                        attribute("lastName", List.of("admin", "user"), List.of("admin", "user")),
                        attribute("entra.tenantId", List.of("admin", "user"), List.of("admin", "user")),
                        attribute("phoneNumber", List.of("admin", "user"), List.of("admin", "user"))));
        ComponentExportRepresentation userProfile = new ComponentExportRepresentation();
        userProfile.setProviderId("declarative-user-profile");
        MultivaluedHashMap<String, String> profileConfig = new MultivaluedHashMap<>();
        profileConfig.add("kc.user.profile.config", JsonSerialization.writeValueAsString(profile));
        userProfile.setConfig(profileConfig);
        components.add("org.keycloak.userprofile.UserProfileProvider", userProfile);
        rep.setComponents(components);
        return rep;
    }

    private static Map<String, Object> attribute(String name, List<String> view, List<String> edit) {
        return Map.of("name", name, "permissions", Map.of("view", view, "edit", edit));
    }
}
