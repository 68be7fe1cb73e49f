package dev.kcentra.it;

import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.standin.directory.Removal;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.fault.Fault;
import dev.kcentra.standin.seed.EntraUser;
import dev.kcentra.testsupport.Browser;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.EntraSyncConnection;
import dev.kcentra.testsupport.RelyingApp;
import jakarta.ws.rs.core.Response;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.SynchronizationResultRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Entra ID Sync through the real Keycloak and a stand-in tenant of ten users (one guest, one without mail, one
 * disabled, one whose name a local user already has; eight are imported by default), served two per page.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class EntraSyncIT {

    static final String TENANT = SyncTenant.TENANT;
    static final String SYNC_APP = SyncTenant.SYNC_APP;
    static final String GROUP = "5ca1ab1e-0000-4000-8000-b00000000001";

    @InjectRealm(ref = "sync", fromJson = SyncTenant.REALM_JSON)
    ManagedRealm realm;

    private SyncTenant tenant;
    private EntraStandIn entra;
    private String componentId;

    @BeforeEach
    void startEntra() {
        tenant = new SyncTenant(realm);
        entra = tenant.entra;
    }

    @AfterEach
    void stopEntra() {
        tenant.close();
    }

    @Test
    void fullSyncImportsUsersKeyedByObjectIdAndLinksThemToTheEntraProvider() {
        connect(secretConnection());
        long before = System.currentTimeMillis();
        SynchronizationResultRepresentation result = fullSync();

        assertEquals(8, result.getAdded(), result.getStatus());
        assertEquals(1, result.getFailed(), "the local user's name is reported, not taken: " + result.getStatus());
        assertTrue(result.getStatus().contains("local.clash@fabrikam.example"), result.getStatus());

        UserRepresentation alex = user("alex.wilber@fabrikam.example");
        assertEquals("alex.wilber@fabrikam.example", alex.getEmail());
        assertTrue(alex.isEmailVerified());
        assertEquals("Alex", alex.getFirstName());
        assertEquals("Wilber", alex.getLastName());
        assertEquals(componentId, alex.getFederationLink());
        Map<String, List<String>> attributes = realm.admin().users().get(alex.getId()).toRepresentation().getAttributes();
        assertEquals(List.of("5ca1ab1e-0000-4000-8000-100000000001"), attributes.get("entra.objectId"));
        assertEquals(List.of(TENANT), attributes.get("entra.tenantId"));
        assertEquals(List.of("+14255550101"), attributes.get("phoneNumber"), "stored in E.164");
        assertEquals(List.of("QUxFWF9XSUxCRVI="), attributes.get("entra.onPremisesImmutableId"));
        long syncedAt = Long.parseLong(attributes.get("entra.syncedAt").get(0));
        assertTrue(syncedAt >= before && syncedAt <= System.currentTimeMillis(), "when the sync created the user");
        List<FederatedIdentityRepresentation> links = realm.admin().users().get(alex.getId()).getFederatedIdentity();
        assertEquals(1, links.size());
        assertEquals("entra", links.get(0).getIdentityProvider());
        assertEquals(TENANT + ":5ca1ab1e-0000-4000-8000-100000000001", links.get(0).getUserId());

        assertNull(user("nomail.user@fabrikam.example").getEmail(), "a user without mail is imported without email");
        assertFalse(user("disabled.person@fabrikam.example").isEnabled(), "accountEnabled false imports a disabled user");
        assertTrue(realm.admin().users().searchByUsername("gus_partner.example#ext#@fabrikam.example", true).isEmpty(), "guests are excluded by default");
        UserRepresentation local = user("local.clash@fabrikam.example");
        assertNull(local.getFederationLink(), "the local user is left as it was");
    }

    @Test
    void everyRunIsRecordedAsAnAdminEventWithItsResult() {
        connect(secretConnection());
        fullSync();
        changedSync();
        List<AdminEventRepresentation> runs = realm.admin().getAdminEvents().stream()
                .filter(e -> e.getResourcePath() != null && e.getResourcePath().equals("user-storage/" + componentId + "/entra-sync"))
                .toList();
        assertEquals(2, runs.size(), "one event per run");
        assertTrue(runs.stream().allMatch(e -> "ACTION".equals(e.getOperationType())));
        assertTrue(runs.stream().anyMatch(e -> e.getRepresentation() != null && e.getRepresentation().contains("\"added\":8")),
                () -> runs.stream().map(AdminEventRepresentation::getRepresentation).toList().toString());
    }

    @Test
    void theSettingsShowTheLastRunAndTheAgeOfItsDeltaLink() {
        connect(secretConnection());
        fullSync();
        String afterFull = realm.admin().components().component(componentId).toRepresentation().getConfig().getFirst("lastSyncStatus");
        assertTrue(afterFull != null && afterFull.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC: Entra ID full sync Result: 8 added.*"), afterFull);
        changedSync();
        String afterChanged = realm.admin().components().component(componentId).toRepresentation().getConfig().getFirst("lastSyncStatus");
        assertTrue(afterChanged.contains("changed-users sync") && afterChanged.matches(".*Delta link age: \\d+ s\\..*"), afterChanged);
        tenant.updateConnection("lastSyncStatus", "edited by an admin");
        assertEquals(afterChanged, realm.admin().components().component(componentId).toRepresentation().getConfig().getFirst("lastSyncStatus"),
                "an admin cannot overwrite what the runs recorded");
    }

    @Test
    void theChangedUsersPeriodRunsDeltaRoundsOnItsOwn() throws InterruptedException {
        connect(secretConnection().set("changedSyncPeriod", "2").set("fullSyncPeriod", "-1"));
        fullSync();
        TenantDirectory directory = entra.directory().tenant(TENANT).orElseThrow();
        directory.upsertUser(SyncTenant.renamed(directory.user("5ca1ab1e-0000-4000-8000-100000000002").orElseThrow(),
                "bianca.p@fabrikam.example", "bianca.p@fabrikam.example"));
        long deadline = System.currentTimeMillis() + 30_000;
        while (realm.admin().users().searchByUsername("bianca.p@fabrikam.example", true).isEmpty()) {
            assertTrue(System.currentTimeMillis() < deadline, "no periodic sync applied the rename within 30 s");
            Thread.sleep(500);
        }
        assertTrue(realm.admin().getAdminEvents().stream().anyMatch(e -> ("user-storage/" + componentId + "/entra-sync").equals(e.getResourcePath())
                && e.getRepresentation() != null && e.getRepresentation().contains("changed-users")), "the periodic run left an admin event");
    }

    @Test
    void changedUsersSyncAppliesRenamesRemovalsAndRestores() {
        connect(secretConnection().set("deletionPolicy", "disable"));
        fullSync();
        String alexId = user("alex.wilber@fabrikam.example").getId();
        String alexSyncedAt = syncedAt(alexId);
        String debraSyncedAt = syncedAt(user("debra.berger@fabrikam.example").getId());
        TenantDirectory directory = entra.directory().tenant(TENANT).orElseThrow();

        EntraUser alex = directory.user("5ca1ab1e-0000-4000-8000-100000000001").orElseThrow();
        directory.upsertUser(SyncTenant.renamed(alex, "alex.w@fabrikam.example", "alex.w@fabrikam.example"));
        directory.removeUser("5ca1ab1e-0000-4000-8000-100000000002", Removal.CHANGED);
        directory.removeUser("5ca1ab1e-0000-4000-8000-100000000003", Removal.DELETED);
        directory.upsertUser(new EntraUser("5ca1ab1e-0000-4000-8000-100000000099", "new.hire@fabrikam.example", "new.hire@fabrikam.example",
                null, "New Hire", "New", "Hire", true, "Member", null, null));

        SynchronizationResultRepresentation result = changedSync();
        assertEquals(1, result.getAdded(), result.getStatus());
        UserRepresentation renamed = user("alex.w@fabrikam.example");
        assertEquals(alexId, renamed.getId(), "a rename keeps the Keycloak user");
        assertEquals("alex.w@fabrikam.example", renamed.getEmail());
        assertEquals("alex.w@fabrikam.example", realm.admin().users().get(alexId).getFederatedIdentity().get(0).getUserName());
        assertTrue(Long.parseLong(syncedAt(alexId)) > Long.parseLong(alexSyncedAt), "a change moves the user's last sync");
        assertEquals(debraSyncedAt, syncedAt(user("debra.berger@fabrikam.example").getId()), "an unchanged user keeps it");
        assertFalse(user("bianca.pisani@fabrikam.example").isEnabled(), "a soft delete disables");
        UserRepresentation cameron = user("cameron.white@fabrikam.example");
        assertFalse(cameron.isEnabled(), "deletion policy disable");
        assertNotNull(realm.admin().users().get(cameron.getId()).toRepresentation().getAttributes().get("entra.removedAt"));
        assertTrue(user("new.hire@fabrikam.example").isEnabled());

        EntraUser bianca = new EntraUser("5ca1ab1e-0000-4000-8000-100000000002", "bianca.pisani@fabrikam.example",
                "bianca.pisani@fabrikam.example", null, "Bianca Pisani", "Bianca", "Pisani", true, "Member", null, null);
        directory.upsertUser(bianca);
        SynchronizationResultRepresentation restore = changedSync();
        assertTrue(user("bianca.pisani@fabrikam.example").isEnabled(), "a restored user is enabled again: " + restore.getStatus());

        SynchronizationResultRepresentation replay = changedSync();
        assertEquals(0, replay.getAdded() + replay.getUpdated(), "nothing changed since: " + replay.getStatus());
    }

    @Test
    void deletionPolicyKeepLeavesTheUser() {
        connect(secretConnection().set("deletionPolicy", "keep"));
        fullSync();
        entra.directory().tenant(TENANT).orElseThrow().removeUser("5ca1ab1e-0000-4000-8000-100000000004", Removal.DELETED);
        changedSync();
        assertTrue(user("debra.berger@fabrikam.example").isEnabled(), "keep leaves the user");
    }

    @Test
    void deletionPolicyDeleteAfterDeletesOnceTheDaysHavePassed() {
        connect(secretConnection().set("deletionPolicy", "delete-after").set("deleteAfterDays", "0"));
        fullSync();
        TenantDirectory directory = entra.directory().tenant(TENANT).orElseThrow();
        directory.removeUser("5ca1ab1e-0000-4000-8000-100000000004", Removal.DELETED);
        directory.removeUser("5ca1ab1e-0000-4000-8000-100000000005", Removal.CHANGED);
        SynchronizationResultRepresentation result = changedSync();
        assertEquals(1, result.getRemoved(), result.getStatus());
        assertTrue(realm.admin().users().searchByUsername("debra.berger@fabrikam.example", true).isEmpty(), "deleted for good");
        assertFalse(user("emily.braun@fabrikam.example").isEnabled(), "a soft delete only disables");
    }

    @Test
    void emptyPagesAndRepeatedUsersAreFollowedAndCountedOnce() {
        tenant.close();
        tenant = new SyncTenant(realm, seed -> seed.replace("\"pageSize\": 2", "\"pageSize\": 2, \"emptyPages\": true, \"duplicates\": true"));
        entra = tenant.entra;
        connect(secretConnection());
        SynchronizationResultRepresentation result = fullSync();
        assertEquals(8, result.getAdded(), result.getStatus());
        assertEquals(0, result.getUpdated(), "a repeated user is the same user: " + result.getStatus());
        assertEquals(1, result.getFailed(), result.getStatus());
    }

    @Test
    void throttlingAndOutagesAreRetriedAndNothingIsLost() {
        connect(secretConnection());
        entra.faults().add(Fault.throttled("/v1\\.0/users/delta.*", 1, 2));
        entra.faults().add(Fault.unavailable("/v1\\.0/users/delta.*", 1, 1));
        SynchronizationResultRepresentation result = fullSync();
        assertEquals(8, result.getAdded(), result.getStatus());
        assertTrue(entra.faults().pending().isEmpty(), "every planned fault was hit and retried");
    }

    @Test
    void aFailedRunDisablesNobodyAndKeepsTheDeltaLink() {
        connect(secretConnection());
        fullSync();
        TenantDirectory directory = entra.directory().tenant(TENANT).orElseThrow();
        directory.removeUser("5ca1ab1e-0000-4000-8000-100000000005", Removal.DELETED);
        entra.faults().add(new Fault("/v1\\.0/users/delta.*", 503, 1, 0, 0));

        SynchronizationResultRepresentation failed = changedSync();
        assertTrue(failed.getStatus().contains("failed"), failed.getStatus());
        assertTrue(failed.getStatus().contains("Nobody was disabled or deleted"), failed.getStatus());
        assertTrue(user("emily.braun@fabrikam.example").isEnabled());

        entra.faults().clear();
        SynchronizationResultRepresentation recovered = changedSync();
        assertFalse(user("emily.braun@fabrikam.example").isEnabled(), "the next run resumes from the kept delta link: " + recovered.getStatus());
    }

    @Test
    void anExpiredDeltaLinkStartsAFullResync() {
        connect(secretConnection());
        fullSync();
        TenantDirectory directory = entra.directory().tenant(TENANT).orElseThrow();
        directory.expireDeltaTokens();
        directory.upsertUser(SyncTenant.renamed(directory.user("5ca1ab1e-0000-4000-8000-100000000006").orElseThrow(), "franz.k@fabrikam.example", "franz.k@fabrikam.example"));
        SynchronizationResultRepresentation result = changedSync();
        assertTrue(result.getStatus().contains("expired"), result.getStatus());
        assertNotNull(user("franz.k@fabrikam.example"));
    }

    @Test
    void certificateAuthenticationIsVerifiedByEntra() {
        connect(EntraSyncConnection.withCertificate(TENANT, SYNC_APP, SyncTenant.resource("/sync/sync-app-cert.pem"),
                SyncTenant.resource("/sync/sync-app-key.pem"), entra.loginBaseUrl(), entra.graphBaseUrl()));
        assertEquals(8, fullSync().getAdded());
        ComponentRepresentation stored = realm.admin().components().component(componentId).toRepresentation();
        assertEquals("**********", stored.getConfig().getFirst("privateKey"), "the private key is never shown back");
    }

    @Test
    void aCertificateTheAppDoesNotHaveIsRefusedByEntra() {
        connect(EntraSyncConnection.withCertificate(TENANT, SYNC_APP, SyncTenant.resource("/sync/unregistered-cert.pem"),
                SyncTenant.resource("/sync/unregistered-key.pem"), entra.loginBaseUrl(), entra.graphBaseUrl()));
        SynchronizationResultRepresentation result = fullSync();
        assertTrue(result.getStatus().contains("AADSTS700027"), result.getStatus());
        assertFalse(result.getStatus().contains("Trace ID"), "Microsoft's diagnostics after CR LF are cut: " + result.getStatus());
        assertEquals(0, result.getAdded());
    }

    @Test
    void theClientSecretIsNeverShownBack() {
        connect(secretConnection());
        ComponentRepresentation stored = realm.admin().components().component(componentId).toRepresentation();
        assertEquals("**********", stored.getConfig().getFirst("clientSecret"));
    }

    @Test
    void aSecondConnectionIsRefused() {
        connect(secretConnection());
        try (Response second = realm.admin().components().add(secretConnection().name("Another").representation(realm.getId()))) {
            assertEquals(400, second.getStatus());
            assertTrue(second.readEntity(String.class).contains("already has an Entra ID connection"));
        }
    }

    @Test
    void invalidSettingsAreRefusedWithReasons() {
        ComponentRepresentation bad = secretConnection().set("tenantId", "contoso").set("abortThresholdPercent", "150")
                .representation(realm.getId());
        try (Response response = realm.admin().components().add(bad)) {
            assertEquals(400, response.getStatus());
            String body = response.readEntity(String.class);
            assertTrue(body.contains("Tenant ID must be the directory (tenant) ID"), body);
            assertTrue(body.contains("Abort threshold (%) must be between 0 and 100"), body);
        }
    }

    @Test
    void theAbortThresholdStopsAMassRemoval() {
        connect(secretConnection().set("abortThresholdPercent", "20"));
        fullSync();
        TenantDirectory directory = entra.directory().tenant(TENANT).orElseThrow();
        for (int i = 1; i <= 3; i++) {
            directory.removeUser("5ca1ab1e-0000-4000-8000-10000000000" + i, Removal.DELETED);
        }
        SynchronizationResultRepresentation stopped = changedSync();
        assertTrue(stopped.getStatus().contains("abort threshold of 20%"), stopped.getStatus());
        assertTrue(user("alex.wilber@fabrikam.example").isEnabled());

        tenant.updateConnection("abortThresholdPercent", "100");
        changedSync();
        assertFalse(user("alex.wilber@fabrikam.example").isEnabled(), "with the threshold raised the same removals apply");
    }

    @Test
    void aDryRunReportsAndChangesNothing() {
        connect(secretConnection().set("dryRun", "true"));
        SynchronizationResultRepresentation result = fullSync();
        assertTrue(result.getStatus().contains("dry run"), result.getStatus());
        assertTrue(result.getStatus().contains("Would have: 8 added"), result.getStatus());
        assertTrue(realm.admin().users().searchByUsername("alex.wilber@fabrikam.example", true).isEmpty());
    }

    @Test
    void groupsAndMembershipsFollowEntra() {
        connect(secretConnection().set("syncGroups", "true"));
        SynchronizationResultRepresentation first = fullSync();
        assertTrue(first.getStatus().contains("groups: 1 synced"), first.getStatus());
        GroupRepresentation engineering = engineering();
        assertEquals(Set.of("alex.wilber@fabrikam.example", "bianca.pisani@fabrikam.example"), members(engineering));

        TenantDirectory directory = entra.directory().tenant(TENANT).orElseThrow();
        directory.addMember(GROUP, "5ca1ab1e-0000-4000-8000-100000000003");
        directory.removeMember(GROUP, "5ca1ab1e-0000-4000-8000-100000000001");
        changedSync();
        assertEquals(Set.of("bianca.pisani@fabrikam.example", "cameron.white@fabrikam.example"), members(engineering()));

        directory.removeGroup(GROUP, Removal.DELETED);
        SynchronizationResultRepresentation removed = changedSync();
        assertTrue(removed.getStatus().contains("1 removed"), removed.getStatus());
        assertTrue(realm.admin().groups().groups().stream().filter(g -> g.getName().equals("Entra ID"))
                .allMatch(g -> realm.admin().groups().group(g.getId()).getSubGroups(0, 10, true).isEmpty()));
    }

    @Test
    void onlyMembersOfTheScopeGroupsAreSyncedAndLeavingTheScopeDisables() {
        connect(secretConnection().set("scopeGroups", GROUP));
        SynchronizationResultRepresentation first = fullSync();
        assertEquals(2, first.getAdded(), first.getStatus());
        assertTrue(realm.admin().users().searchByUsername("cameron.white@fabrikam.example", true).isEmpty());

        TenantDirectory directory = entra.directory().tenant(TENANT).orElseThrow();
        directory.addMember(GROUP, "5ca1ab1e-0000-4000-8000-100000000003");
        directory.removeMember(GROUP, "5ca1ab1e-0000-4000-8000-100000000001");
        SynchronizationResultRepresentation changed = changedSync();
        assertEquals(1, changed.getAdded(), "joining the group brings the user in: " + changed.getStatus());
        assertTrue(user("cameron.white@fabrikam.example").isEnabled());
        assertFalse(user("alex.wilber@fabrikam.example").isEnabled(), "leaving the scope disables: " + changed.getStatus());
    }

    @Test
    void aScopeGroupThatIsNotAGuidIsRefused() {
        try (Response response = realm.admin().components().add(secretConnection().set("scopeGroups", "Engineering").representation(realm.getId()))) {
            assertEquals(400, response.getStatus());
            String body = response.readEntity(String.class);
            assertTrue(body.contains("is not a group object ID"), body);
        }
    }

    private GroupRepresentation engineering() {
        GroupRepresentation parent = realm.admin().groups().groups().stream().filter(g -> g.getName().equals("Entra ID"))
                .findFirst().orElseThrow(() -> new AssertionError("no parent group 'Entra ID'"));
        return realm.admin().groups().group(parent.getId()).getSubGroups(0, 10, true).stream()
                .filter(g -> g.getName().equals("Engineering")).findFirst().orElseThrow(() -> new AssertionError("no group Engineering"));
    }

    private Set<String> members(GroupRepresentation group) {
        return realm.admin().groups().group(group.getId()).members().stream().map(UserRepresentation::getUsername).collect(Collectors.toSet());
    }

    @Test
    void guestsAreSyncedWhenIncluded() {
        connect(secretConnection().set("includeGuests", "true"));
        assertEquals(9, fullSync().getAdded());
        UserRepresentation gus = user("gus_partner.example#ext#@fabrikam.example");
        assertEquals(List.of("Guest"), realm.admin().users().get(gus.getId()).toRepresentation().getAttributes().get("entra.userType"));
    }

    @Test
    void disablingAnAccountInEntraEndsItsKeycloakSessions() {
        connect(secretConnection().set("ssoEnabled", "true").set("ssoForAllSynced", "true"));
        fullSync();
        String debraId = user("debra.berger@fabrikam.example").getId();
        try (Browser browser = new Browser(); RelyingApp app = RelyingApp.start(realm.getBaseUrl(), "demo-app")) {
            HtmlPage identifier = browser.open(app.authorizationRequest());
            HtmlPage microsoft = browser.submit(identifier, "kc-form-login", Map.of("username", "debra.berger@fabrikam.example"));
            browser.submit(microsoft, "signin", Map.of("passwd", "Sync-Test-1!"));
            assertNotNull(app.lastResult());
            assertTrue(app.lastResult().succeeded(), () -> String.valueOf(app.lastResult().error()));
        }
        assertEquals(1, realm.admin().users().get(debraId).getUserSessions().size(), "the Microsoft sign-in landed on the synced user");

        TenantDirectory directory = entra.directory().tenant(TENANT).orElseThrow();
        EntraUser debra = directory.user("5ca1ab1e-0000-4000-8000-100000000004").orElseThrow();
        directory.upsertUser(new EntraUser(debra.id(), debra.userPrincipalName(), debra.mail(), debra.mobilePhone(), debra.displayName(),
                debra.givenName(), debra.surname(), false, debra.userType(), debra.onPremisesImmutableId(), debra.password()));
        changedSync();
        assertFalse(realm.admin().users().get(debraId).toRepresentation().isEnabled());
        assertEquals(0, realm.admin().users().get(debraId).getUserSessions().size(), "disabling ends the sessions");
    }

    private EntraSyncConnection secretConnection() {
        return tenant.secretConnection();
    }

    private String syncedAt(String userId) {
        return realm.admin().users().get(userId).toRepresentation().getAttributes().get("entra.syncedAt").get(0);
    }

    private void connect(EntraSyncConnection connection) {
        componentId = tenant.connect(connection);
    }

    private SynchronizationResultRepresentation fullSync() {
        return tenant.fullSync();
    }

    private SynchronizationResultRepresentation changedSync() {
        return tenant.changedSync();
    }

    private UserRepresentation user(String username) {
        return tenant.user(username);
    }
}
