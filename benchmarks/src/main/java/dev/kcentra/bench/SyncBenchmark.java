package dev.kcentra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcentra.testsupport.AdminApi;
import dev.kcentra.testsupport.KeycloakServer;
import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.testsupport.PortGuard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entra ID Sync against Keycloak's own LDAP import, in one run on one Keycloak (dev-file H2, 1 GB heap): LDAP full
 * import of N users from a local OpenLDAP (the baseline), Entra full sync of the same N users from the stand-in, an
 * Entra full sync of N/10 users (to see whether the heap grows with N), and an Entra delta of the configured number of
 * changes. Prints seconds, users per second, the server's peak used heap per phase, and the ratios.
 */
public final class SyncBenchmark {

    static final String KEYCLOAK = BenchKeycloak.URL;
    static final int PAGE_SIZE = 500;

    private SyncBenchmark() {
    }

    record Phase(String name, int users, double seconds, long peakHeapBytes, String status, int graphRequests) {
        double usersPerSecond() {
            return users / seconds;
        }

        double graphRequestsPerThousandUsers() {
            return 1000.0 * graphRequests / users;
        }
    }

    public static void main(String[] args) throws Exception {
        int users = Integer.getInteger("bench.users", 50_000);
        int changes = Integer.getInteger("bench.changes", 500);
        Path home = Path.of(System.getProperty("bench.home", "target/bench"));
        PortGuard.requireFree("the sync benchmark", 8080, 9000, 8380, 8381, 8382, 8383, LocalLdap.PORT);
        BenchKeycloak.deleteRecursively(home.resolve("ldap"));
        BenchKeycloak.deleteRecursively(home.resolve("keycloak-data"));
        Files.createDirectories(home.resolve("ldap"));

        System.out.printf("Preparing %d users for OpenLDAP and the Entra stand-in...%n", users);
        Path ldif = home.resolve("ldap").resolve("users.ldif");
        BenchUsers.writeLdif(users, ldif);
        try (LocalLdap ignored = LocalLdap.start(home.resolve("ldap"), ldif);
             EntraStandIn entra = EntraStandIn.start(BenchUsers.seed(users, PAGE_SIZE), 8380, 8381);
             EntraStandIn small = EntraStandIn.start(BenchUsers.seed(users / 10, PAGE_SIZE), 8382, 8383);
             KeycloakServer keycloak = BenchKeycloak.start(home)) {
            AdminApi admin = new AdminApi(KEYCLOAK, "admin", "admin");
            for (String realm : List.of("bench-ldap", "bench-entra", "bench-entra-small")) {
                admin.createRealm(realm);
            }
            String ldapId = admin.addComponent("bench-ldap", ldapComponent());
            String entraId = admin.addComponent("bench-entra", entraComponent(entra));
            String smallId = admin.addComponent("bench-entra-small", entraComponent(small));

            Phase ldapFull = measure("LDAP full import (baseline)", users, () -> admin.sync("bench-ldap", ldapId, "triggerFullSync"));
            Phase entraFull = measure("Entra ID full sync", users, () -> admin.sync("bench-entra", entraId, "triggerFullSync"));
            Phase entraSmall = measure("Entra ID full sync, N/10", users / 10, () -> admin.sync("bench-entra-small", smallId, "triggerFullSync"));
            TenantDirectory tenant = entra.directory().tenant(BenchUsers.TENANT).orElseThrow();
            for (int i = 0; i < changes; i++) {
                tenant.upsertUser(BenchUsers.user(i * (users / changes), " changed"));
            }
            Phase entraDelta = measure("Entra ID delta (" + changes + " changes)", changes,
                    () -> admin.sync("bench-entra", entraId, "triggerChangedUsersSync"));
            report(users, changes, List.of(ldapFull, entraFull, entraSmall, entraDelta));
        }
    }

    @FunctionalInterface
    interface SyncCall {
        JsonNode run() throws Exception;
    }

    private static Phase measure(String name, int users, SyncCall call) throws Exception {
        System.out.printf("Running %s...%n", name);
        try (HeapSampler heap = new HeapSampler("http://localhost:9000/metrics")) {
            long started = System.nanoTime();
            JsonNode result = call.run();
            double seconds = (System.nanoTime() - started) / 1e9;
            Phase phase = new Phase(name, users, seconds, Math.max(heap.peakBytes(), heap.sampleNow()), result.path("status").asText(),
                    result.path("graphRequests").asInt());
            System.out.printf("  %.1f s: %s%n", seconds, phase.status());
            return phase;
        }
    }

    private static void report(int users, int changes, List<Phase> phases) {
        Phase ldap = phases.get(0);
        Phase entra = phases.get(1);
        Phase small = phases.get(2);
        Phase delta = phases.get(3);
        System.out.println();
        System.out.printf("Entra ID Sync benchmark: %d users, Graph page size %d, Keycloak 26.7.3 start-dev (H2 file), -Xmx1g, %d cores%n",
                users, PAGE_SIZE, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-36s %10s %10s %14s %18s%n", "phase", "seconds", "users/s", "peak heap MB", "Graph req/1000 u");
        for (Phase phase : phases) {
            System.out.printf("%-36s %10.1f %10.0f %14d %18s%n", phase.name(), phase.seconds(), phase.usersPerSecond(),
                    phase.peakHeapBytes() / (1024 * 1024), phase == ldap ? "-" : String.format("%.1f", phase.graphRequestsPerThousandUsers()));
        }
        System.out.printf("Full-sync throughput, Entra / LDAP:       %.2f (target >= 1.00)%n", entra.usersPerSecond() / ldap.usersPerSecond());
        System.out.printf("Delta of %d changes / full sync time:    %.1f %% (target < 5 %%)%n", changes, 100 * delta.seconds() / entra.seconds());
        System.out.printf("Peak heap, %d users / %d users:        %.2f (1.00 = does not grow with N)%n", users, users / 10,
                (double) entra.peakHeapBytes() / small.peakHeapBytes());
    }

    private static Map<String, Object> entraComponent(EntraStandIn entra) {
        return component("Entra ID", "Entra ID", Map.of("tenantId", BenchUsers.TENANT, "clientId", BenchUsers.CLIENT_ID,
                "authentication", "secret", "clientSecret", BenchUsers.SECRET, "cloud", "custom",
                "authorityUrl", entra.loginBaseUrl(), "graphUrl", entra.graphBaseUrl(), "abortThresholdPercent", "100"));
    }

    private static Map<String, Object> ldapComponent() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("vendor", "other");
        config.put("connectionUrl", "ldap://127.0.0.1:" + LocalLdap.PORT);
        config.put("authType", "simple");
        config.put("bindDn", LocalLdap.ADMIN_DN);
        config.put("bindCredential", LocalLdap.ADMIN_PASSWORD);
        config.put("usersDn", BenchUsers.PEOPLE_DN);
        config.put("usernameLDAPAttribute", "uid");
        config.put("rdnLDAPAttribute", "uid");
        config.put("uuidLDAPAttribute", "entryUUID");
        config.put("userObjectClasses", "inetOrgPerson");
        config.put("searchScope", "1");
        config.put("editMode", "READ_ONLY");
        config.put("importEnabled", "true");
        config.put("syncRegistrations", "false");
        config.put("pagination", "true");
        config.put("batchSizeForSync", String.valueOf(PAGE_SIZE));
        config.put("trustEmail", "true");
        return component("LDAP", "ldap", config);
    }

    private static Map<String, Object> component(String name, String providerId, Map<String, String> config) {
        Map<String, Object> component = new LinkedHashMap<>();
        component.put("name", name);
        component.put("providerId", providerId);
        component.put("providerType", "org.keycloak.storage.UserStorageProvider");
        Map<String, List<String>> values = new LinkedHashMap<>();
        config.forEach((key, value) -> values.put(key, List.of(value)));
        values.put("enabled", List.of("true"));
        values.put("fullSyncPeriod", List.of("-1"));
        values.put("changedSyncPeriod", List.of("-1"));
        component.put("config", values);
        return component;
    }
}
