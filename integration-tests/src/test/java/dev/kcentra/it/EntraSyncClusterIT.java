package dev.kcentra.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.standin.StandInOptions;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.fault.Fault;
import dev.kcentra.testsupport.BundleArtifacts;
import dev.kcentra.testsupport.EntraSyncConnection;
import dev.kcentra.testsupport.AdminApi;
import dev.kcentra.testsupport.KeycloakInstallation;
import dev.kcentra.testsupport.LegacyFormApp;
import dev.kcentra.testsupport.PortGuard;
import dev.kcentra.testsupport.VaultTestKeystore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Entra ID Sync on a two-node Keycloak cluster run the way production runs it ({@code start --optimized}, one
 * PostgreSQL schema, Keycloak's default JGroups discovery through JDBC_PING). Every node schedules the periodic runs;
 * each period runs on one node only, and a node killed in the middle of a run does not stop the next period. The
 * vault's scheduled rotation, which every node also looks for, runs once, and a vault change made through one node
 * counts at the other node's next hand-over (its launch cache is dropped by Keycloak's cluster notification).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EntraSyncClusterIT {

    private static final String REALM = "entra-sync";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PERIOD_SECONDS = 6;
    /** Keycloak's cluster lock for a sync lives max(30 s, period), so a dead holder frees it after that at most. */
    private static final int LOCK_SECONDS = 30;
    private static final Pattern STARTED = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) .*Entra ID \\S+ sync of realm \\S+ started", Pattern.MULTILINE);
    private static final Pattern FINISHED = Pattern.compile("Entra ID sync of realm \\S+: ");
    private static final Pattern TWO_MEMBER_VIEW = Pattern.compile("ISPN000094: Received new cluster view .*\\(2\\)");

    private static ClusterNode nodeA;
    private static ClusterNode nodeB;
    private static EntraStandIn entra;
    private static String componentId;

    @BeforeAll
    static void startCluster() throws Exception {
        PortGuard.requireFree("the cluster test's Keycloak nodes and Entra stand-in", 8480, 9480, 7810, 8580, 9580, 7820, 8280, 8281);
        ClusterDatabase database = ClusterDatabase.local();
        database.recreateSchema();
        Path dir = Path.of(System.getProperty("kcentra.cluster.dir"));
        KeycloakInstallation first = KeycloakInstallation.withBundle(Path.of(System.getProperty("keycloak.dist.zip")),
                dir.resolve("node-a"), BundleArtifacts.fromSystemProperty().directory());
        first.build(dir.resolve("build.log"), ClusterNode.buildOptions());
        KeycloakInstallation second = first.copyTo(dir.resolve("node-b").resolve(first.home().getFileName()));
        nodeA = new ClusterNode("node-a", first, 8480, 9480, 7810);
        nodeB = new ClusterNode("node-b", second, 8580, 9580, 7820);
        nodeA.start(database); // alone first: it creates the schema and the admin
        nodeB.start(database);
        await("both nodes in one cluster view", Duration.ofMinutes(1),
                () -> TWO_MEMBER_VIEW.matcher(log(nodeA)).find() && TWO_MEMBER_VIEW.matcher(log(nodeB)).find());
        entra = EntraStandIn.start(new StandInOptions(SyncTenant.seedFile(SyncTenant.resource("/sync/sync-seed.json")), 8280, 8281));
        nodeA.admin().importRealm(SyncTenant.resource(SyncTenant.REALM_JSON));
    }

    @AfterAll
    static void stopCluster() {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeB, nodeA, entra}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // Shutting down; the next closeable still gets its turn.
            }
        }
    }

    @Test
    @Order(1)
    void eachPeriodSyncsOnOneNodeOnly() throws Exception {
        String realmId = nodeA.admin().get("/admin/realms/" + REALM).get("id").asText();
        EntraSyncConnection connection = EntraSyncConnection.withSecret(SyncTenant.TENANT, SyncTenant.SYNC_APP, SyncTenant.SECRET,
                        entra.loginBaseUrl(), entra.graphBaseUrl())
                .set("changedSyncPeriod", String.valueOf(PERIOD_SECONDS)).set("fullSyncPeriod", "-1");
        // Created through node A; Keycloak tells node B to schedule the same periodic task.
        componentId = nodeA.admin().addComponent(REALM, connection.representation(realmId));
        Thread.sleep(Duration.ofSeconds(6L * PERIOD_SECONDS).toMillis());

        List<Long> runs = runTimes();
        assertTrue(runs.size() >= 4, "the periodic task ran every period: " + runs.size() + " runs in " + 6 * PERIOD_SECONDS + " s");
        assertTrue(runs.size() <= 7, "two nodes ran the same periods: " + runs.size() + " runs in " + 6 * PERIOD_SECONDS + " s");
        for (int i = 1; i < runs.size(); i++) {
            long gap = runs.get(i) - runs.get(i - 1);
            assertTrue(gap >= (PERIOD_SECONDS - 2) * 1000L, "two runs " + gap + " ms apart, within one " + PERIOD_SECONDS + " s period");
        }
        assertEquals(runs.size(), started(nodeA).size() + started(nodeB).size(),
                "every recorded run started on exactly one node, and no node started a run it did not record");
        assertEquals(8, synced(nodeB), "node B sees the users the cluster imported");
    }

    /** Both nodes look for due vault rotations every second; the one that claims the app rotates it, once. */
    @Test
    @Order(2)
    void aDueVaultRotationRunsOnOneNodeOnly() throws Exception {
        String realm = VaultTestKeystore.REALMS.get(0);
        nodeA.admin().importRealm("{\"realm\": \"" + realm + "\", \"enabled\": true, \"adminEventsEnabled\": true}");
        String base = "/admin/realms/" + realm + "/kcentra-vault/apps";
        try (LegacyFormApp legacy = LegacyFormApp.start("cluster-change-secret-2026")) {
            AdminApi admin = nodeA.admin();
            String location = admin.call("POST", base, "{\"name\": \"Cluster app\", \"loginUrl\": \"" + legacy.loginUrl()
                    + "\", \"injection\": \"form\", \"usernameField\": \"user\", \"passwordField\": \"pass\"}").headers().firstValue("Location").orElseThrow();
            String app = location.substring(location.lastIndexOf('/') + 1);
            admin.call("PUT", base + "/" + app + "/credential", "{\"username\": \"svc\", \"password\": \"Cluster-Initial-1!\"}");
            legacy.acceptPassword("Cluster-Initial-1!");
            admin.call("PUT", base + "/" + app + "/webhook-secret", "{\"secret\": \"cluster-change-secret-2026\"}");
            admin.call("PUT", base + "/" + app + "/rotation", "{\"policy\": {\"rotator\": \"webhook\", \"periodDays\": 30, \"webhook\": {\"url\": \""
                    + legacy.changeUrl() + "\"}}, \"nextRotationAt\": " + (System.currentTimeMillis() - 1000) + "}");

            await("a node rotated the due app", Duration.ofSeconds(30), () -> changes(legacy) >= 1);
            Thread.sleep(5000); // both nodes have looked again several times
            assertEquals(1, changes(legacy), "the app's password was changed once, by one node");
            JsonNode status = nodeB.admin().get(base + "/" + app + "/rotation");
            assertEquals("current", status.path("versions").get(0).path("state").asText(), status.toString());
            assertEquals(2, status.path("versions").get(0).path("version").asInt(), status.toString());
            assertTrue(status.path("nextRotationAt").asLong() > System.currentTimeMillis() + 29L * 86_400_000L, status.toString());
        }
    }

    private static long changes(LegacyFormApp legacy) {
        return legacy.received().stream().filter(r -> r.path().equals("/change-password")).count();
    }

    /**
     * Each node keeps the apps it hands credentials over for in memory; a change made through one node must reach the
     * other's next hand-over (Keycloak's cluster notification), not after the entries' minute.
     */
    @Test
    @Order(3)
    void aVaultChangeThroughOneNodeCountsAtTheOthersNextHandOver() throws Exception {
        String realm = VaultTestKeystore.REALMS.get(1);
        nodeA.admin().importRealm("""
                {"realm": "%s", "enabled": true,
                 "groups": [{"name": "Ops"}],
                 "clients": [{"clientId": "ops-gateway", "publicClient": false, "secret": "ops-gateway-secret",
                              "directAccessGrantsEnabled": true, "standardFlowEnabled": false}],
                 "users": [{"username": "gina", "enabled": true, "email": "gina@cluster.example", "firstName": "Gina", "lastName": "Ops",
                            "credentials": [{"type": "password", "value": "Gina-Passw0rd!"}], "groups": ["/Ops"]}]}
                """.formatted(realm));
        AdminApi admin = nodeA.admin();
        String base = "/admin/realms/" + realm + "/kcentra-vault/apps";
        String location = admin.call("POST", base, "{\"name\": \"Ops console\", \"loginUrl\": \"https://ops.example/\","
                + " \"injection\": \"basic\", \"gatewayClientId\": \"ops-gateway\"}").headers().firstValue("Location").orElseThrow();
        String app = location.substring(location.lastIndexOf('/') + 1);
        String ops = admin.get("/admin/realms/" + realm + "/groups?search=Ops").get(0).path("id").asText();
        admin.call("PUT", base + "/" + app + "/credential", "{\"username\": \"svc-ops\", \"password\": \"Ops-Secret-1!\"}");
        admin.call("PUT", base + "/" + app + "/groups/" + ops, null);

        assertEquals("Ops-Secret-1!", gatewayFetch(nodeB, realm, app).path("password").asText(), "node B hands over (and keeps the app)");
        admin.call("PUT", base + "/" + app + "/credential", "{\"username\": \"svc-ops\", \"password\": \"Ops-Secret-2!\"}");
        await("node B hands over the version stored through node A", Duration.ofSeconds(5),
                () -> "Ops-Secret-2!".equals(gatewayFetch(nodeB, realm, app).path("password").asText()));
        admin.call("DELETE", base + "/" + app + "/groups/" + ops, null);
        await("node B refuses once the group is unassigned through node A", Duration.ofSeconds(5),
                () -> gatewayFetch(nodeB, realm, app).path("error").asText().equals("access_denied"));
    }

    /** The gateway's fetch for gina through {@code node}: the credential, or the error. */
    private static JsonNode gatewayFetch(ClusterNode node, String realm, String app) throws IOException, InterruptedException {
        String realmUrl = "http://127.0.0.1:" + node.httpPort + "/realms/" + realm;
        String clientAuth = "Basic " + Base64.getEncoder().encodeToString("ops-gateway:ops-gateway-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Authorization", clientAuth).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=gina&password=Gina-Passw0rd!")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        String accessToken = JSON.readTree(token.body()).path("access_token").asText();
        HttpResponse<String> fetched = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl + "/kcentra-apps/gateway/apps/" + app + "/credential"))
                .header("Authorization", clientAuth).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(fetched.body());
    }

    @Test
    @Order(4)
    void aNodeKilledInTheMiddleOfARunDoesNotBlockTheNextPeriod() throws Exception {
        TenantDirectory directory = entra.directory().tenant(SyncTenant.TENANT).orElseThrow();
        directory.upsertUser(SyncTenant.renamed(directory.user("5ca1ab1e-0000-4000-8000-100000000002").orElseThrow(),
                "bianca.p@fabrikam.example", "bianca.p@fabrikam.example"));
        // The next run's delta request hangs long enough for the node to be killed while it waits.
        entra.faults().add(Fault.slow("/v1\\.0/users/delta", 120_000, 1));
        await("a run reached the stalled delta request", Duration.ofSeconds(3L * PERIOD_SECONDS), () -> entra.faults().pending().isEmpty());
        ClusterNode runner = lastStarted(nodeA).compareTo(lastStarted(nodeB)) > 0 ? nodeA : nodeB;
        ClusterNode survivor = runner == nodeA ? nodeB : nodeA;

        Instant killed = Instant.now();
        runner.kill();
        assertFalse(runner.isRunning());
        await("the surviving node applied the rename", Duration.ofSeconds(LOCK_SECONDS + 10L * PERIOD_SECONDS),
                () -> users(survivor, "bianca.p@fabrikam.example").size() == 1);
        Duration recovery = Duration.between(killed, Instant.now());

        assertTrue(recovery.toSeconds() <= LOCK_SECONDS + 3L * PERIOD_SECONDS,
                "the dead node's lock held the next periods for " + recovery.toSeconds() + " s");
        assertFalse(FINISHED.matcher(log(runner).substring(log(runner).lastIndexOf(lastStarted(runner)))).find(),
                "the killed node's run never finished");
        assertTrue(lastStarted(survivor).compareTo(lastStarted(runner)) > 0, "the survivor ran a later period");
        assertTrue(runTimes(survivor).stream().anyMatch(t -> t > killed.toEpochMilli()), "the survivor's run was recorded");
        assertTrue(users(survivor, "bianca.pisani@fabrikam.example").isEmpty(), "the same user was renamed, not added");
        assertEquals(8, synced(survivor));
    }

    /** Finish times of the recorded runs (one admin event each), oldest first, as node {@code via} reads them. */
    private static List<Long> runTimes(ClusterNode via) throws IOException, InterruptedException {
        JsonNode events = via.admin().get("/admin/realms/" + REALM + "/admin-events?resourceTypes=USER_FEDERATION_PROVIDER&max=1000");
        List<Long> times = new ArrayList<>();
        for (JsonNode event : events) {
            if (("user-storage/" + componentId + "/entra-sync").equals(event.path("resourcePath").asText())) {
                times.add(event.get("time").asLong());
            }
        }
        times.sort(Long::compare);
        return times;
    }

    private static List<Long> runTimes() throws IOException, InterruptedException {
        return runTimes(nodeA);
    }

    private static JsonNode users(ClusterNode via, String username) throws IOException, InterruptedException {
        return via.admin().get("/admin/realms/" + REALM + "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8));
    }

    /** Users imported by the connection, as node {@code via} reads them. */
    private static int synced(ClusterNode via) throws IOException, InterruptedException {
        int count = 0;
        for (JsonNode user : via.admin().get("/admin/realms/" + REALM + "/users?max=1000")) {
            if (componentId.equals(user.path("federationLink").asText())) {
                count++;
            }
        }
        return count;
    }

    private static List<String> started(ClusterNode node) {
        List<String> times = new ArrayList<>();
        Matcher m = STARTED.matcher(log(node));
        while (m.find()) {
            times.add(m.group(1));
        }
        return times;
    }

    /** The time of the node's latest run start ("" when none): both nodes log the same machine's clock. */
    private static String lastStarted(ClusterNode node) {
        List<String> times = started(node);
        return times.isEmpty() ? "" : times.get(times.size() - 1);
    }

    private static String log(ClusterNode node) {
        try {
            return node.log();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(String what, Duration timeout, ThrowingCondition condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.holds()) {
            assertTrue(Instant.now().isBefore(deadline), "not within " + timeout.toSeconds() + " s: " + what);
            Thread.sleep(250);
        }
    }

    @FunctionalInterface
    private interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
