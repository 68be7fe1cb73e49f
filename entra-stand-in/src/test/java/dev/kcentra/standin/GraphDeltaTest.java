package dev.kcentra.standin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kcentra.standin.directory.Removal;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.seed.EntraUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.kcentra.standin.TestFixtures.GROUP;
import static dev.kcentra.standin.TestFixtures.SYNC_APP;
import static dev.kcentra.standin.TestFixtures.TENANT;
import static dev.kcentra.standin.TestFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graph delta query as a sync client walks it; the test seed pages two objects at a time. */
class GraphDeltaTest {

    private static final String SELECT = "$select=id,userPrincipalName,mail,accountEnabled,userType";

    private EntraStandIn standIn;
    private String token;

    @BeforeEach
    void start() {
        standIn = TestFixtures.start();
        token = TestFixtures.graphTokenByCertificate(standIn);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void fullRoundPagesToADeltaLinkThenServesOnlyChanges() {
        Round full = walk(standIn.graphBaseUrl() + "/v1.0/users/delta?" + SELECT);
        assertEquals(4, full.pages, "7 users, 2 per page");
        assertEquals(7, full.items.size());
        assertEquals(7, full.items.stream().map(u -> u.get("id").getAsString()).distinct().count());
        JsonObject first = full.items.get(0);
        assertEquals(Set.of("id", "userPrincipalName", "mail", "accountEnabled", "userType"), first.keySet(), "only $select-ed properties");

        TenantDirectory tenant = standIn.directory().tenant(TENANT).orElseThrow();
        EntraUser renamed = tenant.user(user(1)).orElseThrow();
        tenant.upsertUser(new EntraUser(renamed.id(), "renamed@fabrikam.test", renamed.mail(), null, renamed.displayName(),
                renamed.givenName(), renamed.surname(), true, "Member", null, "pw"));
        tenant.removeUser(user(2), Removal.CHANGED);
        tenant.removeUser(user(3), Removal.DELETED);

        Round changes = walk(full.deltaLink);
        Map<String, JsonObject> byId = new HashMap<>();
        changes.items.forEach(i -> byId.put(i.get("id").getAsString(), i));
        assertEquals(Set.of(user(1), user(2), user(3)), byId.keySet());
        assertEquals("renamed@fabrikam.test", byId.get(user(1)).get("userPrincipalName").getAsString());
        assertEquals("changed", byId.get(user(2)).getAsJsonObject("@removed").get("reason").getAsString());
        assertEquals("deleted", byId.get(user(3)).getAsJsonObject("@removed").get("reason").getAsString());

        Round replay = walk(full.deltaLink);
        assertEquals(changes.items, replay.items, "following the same delta link again is harmless");
        Round quiet = walk(changes.deltaLink);
        assertTrue(quiet.items.isEmpty(), "nothing changed since");
    }

    @Test
    void emptyPagesAndRepeatedObjectsAsMicrosoftDocumentsThem() throws Exception {
        withGraphSettings("\"pageSize\": 2, \"emptyPages\": true, \"duplicates\": true", () -> {
            Round round = walk(standIn.graphBaseUrl() + "/v1.0/users/delta");
            assertEquals(7, round.pages, "4 pages of data with 3 empty pages between them");
            assertEquals(10, round.items.size(), "each data page after the first repeats one object");
            assertEquals(7, round.items.stream().map(u -> u.get("id").getAsString()).distinct().count());
        });
    }

    @Test
    void changesDuringARoundAreNeverLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            TenantDirectory tenant = standIn.directory().tenant(TENANT).orElseThrow();
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    String id = String.format("00000000-0000-4000-8000-0000000010%02d", i);
                    tenant.upsertUser(new EntraUser(id, "new" + i + "@fabrikam.test", null, null, "New " + i, null, null,
                            true, "Member", null, null));
                }
            });
            Map<String, JsonObject> mirror = new HashMap<>();
            Round round = walk(standIn.graphBaseUrl() + "/v1.0/users/delta?" + SELECT);
            round.items.forEach(i -> mirror.put(i.get("id").getAsString(), i));
            writer.get();
            round = walk(round.deltaLink);
            round.items.forEach(i -> mirror.put(i.get("id").getAsString(), i));
            assertEquals(tenant.currentUsers().size(), mirror.size(), "a full round plus one delta round sees every user");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void groupsDeltaCarriesMemberAdditionsAndRemovals() {
        Round full = walk(standIn.graphBaseUrl() + "/v1.0/groups/delta?$select=displayName,members");
        JsonObject group = full.items.get(0);
        assertEquals(GROUP, group.get("id").getAsString());
        JsonArray members = group.getAsJsonArray("members@delta");
        assertEquals(2, members.size());
        assertEquals("#microsoft.graph.user", members.get(0).getAsJsonObject().get("@odata.type").getAsString());

        TenantDirectory tenant = standIn.directory().tenant(TENANT).orElseThrow();
        tenant.addMember(GROUP, user(3));
        tenant.removeMember(GROUP, user(1));
        Round changes = walk(full.deltaLink);
        JsonArray delta = changes.items.get(0).getAsJsonArray("members@delta");
        Map<String, Boolean> removed = new HashMap<>();
        for (JsonElement m : delta) {
            removed.put(m.getAsJsonObject().get("id").getAsString(), m.getAsJsonObject().has("@removed"));
        }
        assertEquals(Map.of(user(3), false, user(1), true), removed);
    }

    @Test
    void removingAUserTakesItOutOfItsGroups() {
        Round full = walk(standIn.graphBaseUrl() + "/v1.0/groups/delta");
        standIn.directory().tenant(TENANT).orElseThrow().removeUser(user(2), Removal.DELETED);
        JsonArray delta = walk(full.deltaLink).items.get(0).getAsJsonArray("members@delta");
        assertEquals(1, delta.size());
        assertEquals(user(2), delta.get(0).getAsJsonObject().get("id").getAsString());
        assertTrue(delta.get(0).getAsJsonObject().has("@removed"));
    }

    @Test
    void aClearedPropertyComesAsNullAndANeverSetOneNotAtAll() {
        String select = "$select=id,mail,mobilePhone,givenName,surname,onPremisesImmutableId";
        Round full = walk(standIn.graphBaseUrl() + "/v1.0/users/delta?" + select);
        JsonObject first = full.items.get(0);
        assertEquals(user(1), first.get("id").getAsString());
        assertFalse(first.has("mobilePhone"), "never set: left out (delta-query-overview, Properties)");
        assertFalse(first.has("onPremisesImmutableId"));

        TenantDirectory tenant = standIn.directory().tenant(TENANT).orElseThrow();
        EntraUser one = tenant.user(user(1)).orElseThrow();
        tenant.upsertUser(new EntraUser(one.id(), one.userPrincipalName(), null, one.mobilePhone(), one.displayName(),
                "Renamed", one.surname(), true, "Member", null, "pw"));
        JsonObject changed = walk(full.deltaLink).items.get(0);
        assertTrue(changed.has("mail") && changed.get("mail").isJsonNull(), "cleared: null, not left out");
        assertEquals("Renamed", changed.get("givenName").getAsString());
        assertEquals("1", changed.get("surname").getAsString(), "unchanged: its old value");
        assertFalse(changed.has("mobilePhone"), "still never set");
    }

    @Test
    void returnMinimalCarriesOnlyTheChangedProperties() {
        Round full = walk(standIn.graphBaseUrl() + "/v1.0/users/delta?$select=id,mail,givenName,surname");
        TenantDirectory tenant = standIn.directory().tenant(TENANT).orElseThrow();
        EntraUser one = tenant.user(user(1)).orElseThrow();
        tenant.upsertUser(new EntraUser(one.id(), one.userPrincipalName(), null, null, one.displayName(), "Renamed",
                one.surname(), true, "Member", null, "pw"));
        HttpResponse<String> minimal = get(full.deltaLink, "Prefer", "return=minimal");
        JsonObject changed = TestHttp.json(minimal).getAsJsonArray("value").get(0).getAsJsonObject();
        assertEquals(Set.of("id", "mail", "givenName"), changed.keySet());
        assertTrue(changed.get("mail").isJsonNull());
    }

    @Test
    void aLargeGroupComesAsSeveralCopiesThatStraddlePages() throws Exception {
        withGraphSettings("\"pageSize\": 1, \"membersPerGroupCopy\": 1", () -> {
            Round full = walk(standIn.graphBaseUrl() + "/v1.0/groups/delta?$select=displayName,description,members");
            List<JsonObject> copies = full.items.stream().filter(g -> g.get("id").getAsString().equals(GROUP)).toList();
            assertEquals(2, copies.size(), "two members, one a copy");
            Set<String> members = new HashSet<>();
            copies.forEach(c -> c.getAsJsonArray("members@delta").forEach(m -> members.add(m.getAsJsonObject().get("id").getAsString())));
            assertEquals(Set.of(user(1), user(2)), members);
            assertTrue(full.pages >= 2);
        });
    }

    @Test
    void aSoftDeletedUserKeepsItsMembershipsUntilDeletedForGood() {
        Round full = walk(standIn.graphBaseUrl() + "/v1.0/groups/delta");
        TenantDirectory tenant = standIn.directory().tenant(TENANT).orElseThrow();
        tenant.removeUser(user(2), Removal.CHANGED);
        Round soft = walk(full.deltaLink);
        assertTrue(soft.items.isEmpty(), "a soft delete changes no group: " + soft.items);
        tenant.removeUser(user(2), Removal.DELETED);
        JsonArray delta = walk(soft.deltaLink).items.get(0).getAsJsonArray("members@delta");
        assertEquals(user(2), delta.get(0).getAsJsonObject().get("id").getAsString());
        assertTrue(delta.get(0).getAsJsonObject().has("@removed"));
    }

    @Test
    void resourceUnitsAreMeteredPerTenSecondsWithAWarningBeforeThe429() throws Exception {
        withGraphSettings("\"pageSize\": 2, \"resourceUnitsPer10s\": 5", () -> {
            String url = standIn.graphBaseUrl() + "/v1.0/users/" + user(1);
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(get(url));
            }
            assertEquals(List.of(200, 200, 200, 200, 200, 429), answers.stream().map(HttpResponse::statusCode).toList());
            assertTrue(answers.get(3).headers().firstValue("x-ms-throttle-limit-percentage").isEmpty(), "4 of 5: not more than 0.8");
            assertEquals("1.0", answers.get(4).headers().firstValue("x-ms-throttle-limit-percentage").orElse(null));
            assertEquals("1", answers.get(0).headers().firstValue("x-ms-resource-unit").orElse(null), "GET a user: 1");
            assertEquals("ResourceUnitLimitExceeded", answers.get(5).headers().firstValue("x-ms-throttle-information").orElse(null));
            int retryAfter = Integer.parseInt(answers.get(5).headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 10, "until the oldest units leave the 10 s window: " + retryAfter);
            assertEquals("TooManyRequests", error(answers.get(5)).get("code").getAsString());
        });
    }

    @Test
    void aRepeatingNextLinkFaultPointsAPageAtItself() {
        standIn.faults().add(dev.kcentra.standin.fault.Fault.repeatingNextLink("/v1\\.0/users/delta", 2));
        String first = standIn.graphBaseUrl() + "/v1.0/users/delta";
        JsonObject page = TestHttp.json(get(first));
        assertEquals(first, page.get("@odata.nextLink").getAsString());
        JsonObject again = TestHttp.json(get(page.get("@odata.nextLink").getAsString()));
        assertEquals(first, again.get("@odata.nextLink").getAsString(), "the same link, for as long as the fault lasts");
    }

    @Test
    void expiredDeltaLinksAskForAFullResync() {
        Round full = walk(standIn.graphBaseUrl() + "/v1.0/users/delta");
        HttpResponse<String> expire = TestHttp.send("POST", standIn.graphBaseUrl() + "/_standin/tenants/" + TENANT + "/expire-delta-tokens", null);
        assertEquals(200, expire.statusCode());
        HttpResponse<String> stale = get(full.deltaLink);
        assertEquals(400, stale.statusCode());
        assertEquals("syncStateNotFound", error(stale).get("code").getAsString());
    }

    @Test
    void forgedOrForeignTokensAreBadRequests() {
        Round full = walk(standIn.graphBaseUrl() + "/v1.0/users/delta");
        String tampered = full.deltaLink.substring(0, full.deltaLink.length() - 3) + "AAA";
        assertEquals("BadRequest", error(get(tampered)).get("code").getAsString());
        assertEquals("BadRequest", error(get(standIn.graphBaseUrl() + "/v1.0/users/delta?$deltatoken=garbage")).get("code").getAsString());
        String groupsToken = walk(standIn.graphBaseUrl() + "/v1.0/groups/delta").deltaLink.split("\\$deltatoken=")[1];
        assertEquals("BadRequest", error(get(standIn.graphBaseUrl() + "/v1.0/users/delta?$deltatoken=" + groupsToken)).get("code").getAsString());
    }

    @Test
    void deltaTokenLatestStartsFromNow() {
        Round latest = walk(standIn.graphBaseUrl() + "/v1.0/users/delta?$deltatoken=latest");
        assertTrue(latest.items.isEmpty());
        standIn.directory().tenant(TENANT).orElseThrow().removeUser(user(4), Removal.CHANGED);
        assertEquals(1, walk(latest.deltaLink).items.size());
    }

    @Test
    void unknownSelectedPropertyIsRefusedAsGraphDoes() {
        HttpResponse<String> response = get(standIn.graphBaseUrl() + "/v1.0/users/delta?$select=id,shoeSize");
        assertEquals(400, response.statusCode());
        assertTrue(error(response).get("message").getAsString().contains("'shoeSize'"));
    }

    @Test
    void usersListPagesWithTopAndSkipToken() {
        Round list = walk(standIn.graphBaseUrl() + "/v1.0/users?$top=3&$select=id,displayName");
        assertEquals(3, list.pages);
        assertEquals(7, list.items.size());
        assertNull(list.deltaLink);
        HttpResponse<String> one = get(standIn.graphBaseUrl() + "/v1.0/users/user5@fabrikam.test");
        assertEquals(user(5), TestHttp.json(one).get("id").getAsString());
        assertEquals(404, get(standIn.graphBaseUrl() + "/v1.0/users/00000000-0000-4000-8000-00000000dead").statusCode());
        assertEquals(400, get(standIn.graphBaseUrl() + "/v1.0/users?$top=0").statusCode());
    }

    @Test
    void groupMembersArePagedUsers() {
        String cast = standIn.graphBaseUrl() + "/v1.0/groups/" + GROUP + "/transitiveMembers/graph.user?$select=id&$top=1";
        HttpResponse<String> plain = get(cast);
        assertEquals(400, plain.statusCode(), "an OData cast with $select and $top is an advanced query");
        assertEquals("Request_UnsupportedQuery", error(plain).get("code").getAsString());
        assertEquals(400, get(cast + "&$count=true").statusCode(), "without ConsistencyLevel: eventual");
        assertEquals(400, TestHttp.get(cast, "Authorization", "Bearer " + token, "ConsistencyLevel", "eventual").statusCode(), "without $count=true");
        Round members = walk(cast + "&$count=true", "ConsistencyLevel", "eventual");
        assertEquals(2, members.pages);
        assertEquals(2, members.firstPage.get("@odata.count").getAsInt());
        assertEquals(List.of(user(1), user(2)), members.items.stream().map(i -> i.get("id").getAsString()).toList());
        assertEquals("#microsoft.graph.user", members.items.get(0).get("@odata.type").getAsString());
        assertEquals(404, get(standIn.graphBaseUrl() + "/v1.0/groups/99999999-0000-4000-8000-00000000dead/members").statusCode());
    }

    @Test
    void tokensArePermissionChecked() {
        assertEquals(401, TestHttp.get(standIn.graphBaseUrl() + "/v1.0/users/delta").statusCode());
        assertEquals(401, TestHttp.get(standIn.graphBaseUrl() + "/v1.0/users/delta", "Authorization", "Bearer forged").statusCode());
        String groupsOnly = TestFixtures.graphToken(standIn, TestFixtures.GROUPS_ONLY_APP);
        HttpResponse<String> denied = TestHttp.get(standIn.graphBaseUrl() + "/v1.0/users/delta", "Authorization", "Bearer " + groupsOnly);
        assertEquals(403, denied.statusCode());
        assertEquals("Authorization_RequestDenied", error(denied).get("code").getAsString());
        assertEquals(200, TestHttp.get(standIn.graphBaseUrl() + "/v1.0/groups/delta", "Authorization", "Bearer " + groupsOnly).statusCode());
    }

    @Test
    void changesCanBeMadeThroughTheControlApi() {
        Round full = walk(standIn.graphBaseUrl() + "/v1.0/users/delta");
        String base = standIn.graphBaseUrl() + "/_standin/tenants/" + TENANT;
        String body = "{\"id\":\"" + user(8) + "\",\"userPrincipalName\":\"eight@fabrikam.test\",\"accountEnabled\":false}";
        assertEquals(200, TestHttp.send("PUT", base + "/users/" + user(8), body).statusCode());
        assertEquals(200, TestHttp.send("DELETE", base + "/users/" + user(5) + "?reason=deleted", null).statusCode());
        assertEquals(200, TestHttp.send("PUT", base + "/groups/" + GROUP + "/members/" + user(8), null).statusCode());
        assertEquals(400, TestHttp.send("PUT", base + "/users/" + user(9), body).statusCode(), "id in body and path differ");
        assertEquals(400, TestHttp.send("PUT", base + "/users/" + user(8), "{nope").statusCode());
        assertEquals(404, TestHttp.send("DELETE", base + "/users/" + user(5), null).statusCode(), "already deleted");
        assertEquals(404, TestHttp.send("DELETE", standIn.graphBaseUrl() + "/_standin/tenants/nowhere/users/" + user(1), null).statusCode());
        List<String> changed = walk(full.deltaLink).items.stream().map(i -> i.get("id").getAsString()).toList();
        assertEquals(Set.of(user(5), user(8)), new HashSet<>(changed));
    }

    private record Round(List<JsonObject> items, int pages, String deltaLink, JsonObject firstPage) {
    }

    @FunctionalInterface
    private interface StandInTest {
        void run() throws Exception;
    }

    /** Runs {@code test} against a stand-in of the test seed whose {@code "pageSize": 2} is replaced by {@code settings}. */
    private void withGraphSettings(String settings, StandInTest test) throws Exception {
        String seed = TestFixtures.resource("test-seed.json").replace("\"pageSize\": 2", settings);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("graph-settings-seed", ".json");
        java.nio.file.Files.writeString(file, seed);
        EntraStandIn plain = standIn;
        String plainToken = token;
        try (EntraStandIn other = EntraStandIn.start(new StandInOptions(file, 0, 0))) {
            standIn = other;
            token = TestFixtures.graphTokenByCertificate(other);
            test.run();
        } finally {
            standIn = plain;
            token = plainToken;
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** @param headers sent with every request of the round, besides the token */
    private Round walk(String url, String... headers) {
        List<JsonObject> items = new ArrayList<>();
        int pages = 0;
        String next = url;
        JsonObject firstPage = null;
        while (true) {
            HttpResponse<String> response = get(next, headers);
            assertEquals(200, response.statusCode(), response.body());
            JsonObject page = TestHttp.json(response);
            firstPage = firstPage == null ? page : firstPage;
            pages++;
            page.getAsJsonArray("value").forEach(v -> items.add(v.getAsJsonObject()));
            assertFalse(page.has("@odata.nextLink") && page.has("@odata.deltaLink"), "never both links");
            if (page.has("@odata.nextLink")) {
                next = page.get("@odata.nextLink").getAsString();
                assertTrue(next.startsWith(standIn.graphBaseUrl() + "/v1.0/"));
            } else {
                String delta = page.has("@odata.deltaLink") ? page.get("@odata.deltaLink").getAsString() : null;
                return new Round(items, pages, delta, firstPage);
            }
            assertNotNull(next);
        }
    }

    private HttpResponse<String> get(String url, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + token));
        all.addAll(List.of(headers));
        return TestHttp.get(url, all.toArray(String[]::new));
    }

    private static JsonObject error(HttpResponse<String> response) {
        return TestHttp.json(response).getAsJsonObject("error");
    }
}
