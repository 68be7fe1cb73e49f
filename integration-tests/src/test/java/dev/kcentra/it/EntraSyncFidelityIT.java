package dev.kcentra.it;

import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.fault.Fault;
import dev.kcentra.standin.seed.EntraGroup;
import dev.kcentra.standin.seed.EntraUser;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.SynchronizationResultRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sync against a stand-in that answers as Microsoft's Graph pages document (issue 16): cleared properties as
 * null, large groups split across copies, dead and old delta links, a repeating next link, throttling counted.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class EntraSyncFidelityIT {

    static final String ALEX = "5ca1ab1e-0000-4000-8000-100000000001";
    static final String GROUP = "5ca1ab1e-0000-4000-8000-b00000000001";

    @InjectRealm(ref = "sync", fromJson = SyncTenant.REALM_JSON)
    ManagedRealm realm;

    private SyncTenant tenant;

    private void start(UnaryOperator<String> seedEdit) {
        tenant = new SyncTenant(realm, seedEdit);
    }

    @AfterEach
    void stopEntra() {
        if (tenant != null) {
            tenant.close();
        }
    }

    private TenantDirectory directory() {
        return tenant.entra.directory().tenant(SyncTenant.TENANT).orElseThrow();
    }

    @Test
    void aPropertyClearedInEntraIsClearedInKeycloakAlsoByAFullSync() {
        start(UnaryOperator.identity());
        tenant.connect(tenant.secretConnection());
        tenant.fullSync();
        UserRepresentation before = tenant.user("alex.wilber@fabrikam.example");
        assertTrue(before.isEmailVerified());

        EntraUser alex = directory().user(ALEX).orElseThrow();
        directory().upsertUser(new EntraUser(alex.id(), alex.userPrincipalName(), null, null, alex.displayName(), null, null,
                true, alex.userType(), null, alex.password()));
        SynchronizationResultRepresentation changed = tenant.changedSync();
        assertEquals(1, changed.getUpdated(), changed.getStatus());
        assertCleared(realm.admin().users().get(before.getId()).toRepresentation());

        tenant.fullSync();
        assertCleared(realm.admin().users().get(before.getId()).toRepresentation());
    }

    private static void assertCleared(UserRepresentation user) {
        assertNull(user.getEmail(), "mail removed in Entra");
        assertFalse(user.isEmailVerified(), "no email, nothing verified");
        assertNull(user.getFirstName());
        assertNull(user.getLastName());
        Map<String, List<String>> attributes = user.getAttributes();
        assertNull(attributes.get("phoneNumber"), "mobile number removed in Entra: " + attributes);
        assertNull(attributes.get("entra.onPremisesImmutableId"));
    }

    @Test
    void aGroupSplitAcrossCopiesKeepsEveryMemberAtEveryFullSync() {
        start(seed -> seed.replace("\"pageSize\": 2", "\"pageSize\": 2, \"membersPerGroupCopy\": 1"));
        directory().addMember(GROUP, "5ca1ab1e-0000-4000-8000-100000000003");
        tenant.connect(tenant.secretConnection().set("syncGroups", "true"));
        Set<String> all = Set.of("alex.wilber@fabrikam.example", "bianca.pisani@fabrikam.example", "cameron.white@fabrikam.example");
        SynchronizationResultRepresentation first = tenant.fullSync();
        assertEquals(all, members("Engineering"), first.getStatus());
        tenant.fullSync();
        assertEquals(all, members("Engineering"), "a full resync removes nobody the other copies list");
        directory().removeMember(GROUP, "5ca1ab1e-0000-4000-8000-100000000002");
        tenant.fullSync();
        assertEquals(Set.of("alex.wilber@fabrikam.example", "cameron.white@fabrikam.example"), members("Engineering"));
    }

    @Test
    void aFullSyncSweepsGroupsEntraNoLongerReportsWithinTheAbortThreshold() {
        start(UnaryOperator.identity());
        directory().upsertGroup(new EntraGroup("5ca1ab1e-0000-4000-8000-b00000000002", "Sales", "Sales team", List.of(ALEX)));
        tenant.connect(tenant.secretConnection().set("syncGroups", "true").set("abortThresholdPercent", "20"));
        tenant.fullSync();
        assertEquals(Set.of("Engineering", "Sales"), syncedGroupNames());

        // Removed while the delta link was not followed: a full round from scratch simply does not report it.
        directory().removeGroup("5ca1ab1e-0000-4000-8000-b00000000002", dev.kcentra.standin.directory.Removal.DELETED);
        SynchronizationResultRepresentation kept = tenant.fullSync();
        assertEquals(Set.of("Engineering", "Sales"), syncedGroupNames(), "1 of 2 is over a threshold of 20 %: " + kept.getStatus());
        assertTrue(kept.getStatus().contains("Kept 1 of 2 synced groups"), kept.getStatus());

        tenant.updateConnection("abortThresholdPercent", "50");
        SynchronizationResultRepresentation swept = tenant.fullSync();
        assertEquals(Set.of("Engineering"), syncedGroupNames(), swept.getStatus());
        assertTrue(swept.getStatus().contains("1 removed"), swept.getStatus());
    }

    @Test
    void aDeltaLinkOlderThanItsMaximumAgeIsNotFollowed() {
        start(UnaryOperator.identity());
        String componentId = tenant.connect(tenant.secretConnection());
        tenant.fullSync();
        editStoredLink(componentId, ".deltaLinkAt", at -> String.valueOf(Instant.now().minus(Duration.ofDays(7)).getEpochSecond()));

        SynchronizationResultRepresentation result = tenant.changedSync();
        assertTrue(result.getStatus().startsWith("Entra ID full sync"), result.getStatus());
        assertTrue(result.getStatus().contains("The users delta link was 7 days old, more than the 6 days allowed"), result.getStatus());
        assertTrue(result.getStatus().contains("0 disabled"), result.getStatus());
    }

    @Test
    void aStoredLinkGraphRefusesStartsAFullResyncInsteadOfFailingEveryRun() {
        start(UnaryOperator.identity());
        String componentId = tenant.connect(tenant.secretConnection());
        tenant.fullSync();
        editStoredLink(componentId, ".deltaLink", link -> link.substring(0, link.length() - 4) + "AAAA");

        SynchronizationResultRepresentation first = tenant.changedSync();
        assertTrue(first.getStatus().contains("expired") && first.getStatus().contains("ran a full sync instead"), first.getStatus());
        assertFalse(first.getStatus().contains(" failed:"), first.getStatus());
        SynchronizationResultRepresentation next = tenant.changedSync();
        assertTrue(next.getStatus().startsWith("Entra ID changed-users sync Result:"), "the next run follows the new link: " + next.getStatus());
    }

    @Test
    @Timeout(90)
    void aNextLinkThatRepeatsEndsTheRunAsFailedWithAClearMessage() {
        start(UnaryOperator.identity());
        tenant.connect(tenant.secretConnection());
        tenant.fullSync();
        directory().removeUser("5ca1ab1e-0000-4000-8000-100000000005", dev.kcentra.standin.directory.Removal.DELETED);
        tenant.entra.faults().add(Fault.repeatingNextLink("/v1\\.0/users/delta.*", 0));
        SynchronizationResultRepresentation looping = tenant.fullSync();
        assertTrue(looping.getStatus().contains("failed: Graph returned the same @odata.nextLink twice in one round"), looping.getStatus());
        assertTrue(tenant.user("emily.braun@fabrikam.example").isEnabled(), "a failed run disables nobody");
    }

    @Test
    void eachRunReportsItsGraphRequestsAndThrottledAnswers() {
        start(UnaryOperator.identity());
        tenant.connect(tenant.secretConnection());
        tenant.entra.faults().add(Fault.throttled("/v1\\.0/users/delta.*", 1, 1));
        SynchronizationResultRepresentation result = tenant.fullSync();
        // Ten users two a page: five pages, one of them asked twice after the 429.
        assertTrue(result.getStatus().contains("Graph: 6 requests, 1 throttled"), result.getStatus());
    }

    /** Changes what the connection stored about its users delta link (realm attributes, see DeltaLinkStore). */
    private void editStoredLink(String componentId, String suffix, UnaryOperator<String> edit) {
        RealmRepresentation representation = realm.admin().toRepresentation();
        String key = "kcentra.entraSync." + componentId + suffix;
        representation.getAttributes().put(key, edit.apply(representation.getAttributes().get(key)));
        realm.admin().update(representation);
    }

    private Set<String> syncedGroupNames() {
        return syncedGroups().stream().map(GroupRepresentation::getName).collect(Collectors.toSet());
    }

    private Set<String> members(String groupName) {
        GroupRepresentation group = syncedGroups().stream().filter(g -> g.getName().equals(groupName)).findFirst().orElseThrow();
        return realm.admin().groups().group(group.getId()).members().stream().map(UserRepresentation::getUsername).collect(Collectors.toSet());
    }

    /** The subgroups of the connection's parent group "Entra ID". */
    private List<GroupRepresentation> syncedGroups() {
        GroupRepresentation parent = realm.admin().groups().groups().stream().filter(g -> g.getName().equals("Entra ID"))
                .findFirst().orElseThrow();
        return realm.admin().groups().group(parent.getId()).getSubGroups(0, 10, true);
    }
}
