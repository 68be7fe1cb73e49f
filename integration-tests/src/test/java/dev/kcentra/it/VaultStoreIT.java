package dev.kcentra.it;

import dev.kcentra.testsupport.EntraBundleServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vault's store through the real server: password apps and their shared credential over admin REST, the password
 * write-only and sealed under the realm's key-encryption key; a realm without a key stores nothing.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class VaultStoreIT {

    private static final String SECRET = "Payroll-Shared-Secret-7!";
    private static final HttpClient HTTP = VaultAdminCalls.HTTP;

    @InjectRealm(ref = "vault-a", fromJson = "/vault/vault-a-realm.json")
    ManagedRealm realm;

    @InjectRealm(ref = "vault-nokey", fromJson = "/vault/vault-nokey-realm.json")
    ManagedRealm noKey;

    @InjectRealm(ref = "vault-launch", fromJson = "/vault/vault-launch-realm.json")
    ManagedRealm otherRealm;

    @InjectAdminClient
    Keycloak admin;

    @Test
    void appsAreCheckedAndTheirPasswordIsWriteOnlyAndVersioned() throws Exception {
        HttpResponse<String> created = vault(realm).send("POST", "apps", app("Payroll " + System.nanoTime()));
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        String name = (String) vault(realm).get("apps/" + id).get("name");

        assertEquals(409, vault(realm).send("POST", "apps", app(name)).statusCode(), "one name per realm");
        HttpResponse<String> script = vault(realm).send("POST", "apps", app("Bad").replace("https://payroll.example/login", "javascript:alert(1)"));
        assertEquals(400, script.statusCode());
        assertTrue(script.body().contains("absolute http(s) URL"), script.body());
        assertEquals(400, vault(realm).send("POST", "apps", "{\"name\": \"No fields\", \"loginUrl\": \"https://x.example\", \"injection\": \"form\"}").statusCode());
        assertEquals(400, vault(realm).send("POST", "apps", "{\"name\": ").statusCode(), "malformed JSON");

        assertEquals(204, vault(realm).send("PUT", "apps/" + id + "/credential", credential("svc-payroll", SECRET)).statusCode());
        Map<String, Object> app = vault(realm).get("apps/" + id);
        Map<?, ?> summary = (Map<?, ?>) app.get("credential");
        assertEquals("svc-payroll", summary.get("username"));
        assertEquals(1, ((Number) summary.get("version")).intValue());
        assertFalse(JsonSerialization.writeValueAsString(app).contains(SECRET), "no answer carries the password");

        assertEquals(204, vault(realm).send("PUT", "apps/" + id + "/credential", credential("svc-payroll", SECRET + "2")).statusCode());
        assertEquals(2, ((Number) ((Map<?, ?>) vault(realm).get("apps/" + id).get("credential")).get("version")).intValue());
        assertEquals(400, vault(realm).send("PUT", "apps/" + id + "/credential", credential("svc-payroll", "")).statusCode());
        HttpResponse<String> bare = vault(realm).send("POST", "apps", app("No password yet " + System.nanoTime()));
        String bareId = bare.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        Map<String, Map<?, ?>> listed = vault(realm).list("apps").stream()
                .collect(java.util.stream.Collectors.toMap(a -> (String) a.get("id"), a -> a));
        assertEquals(2, ((Number) ((Map<?, ?>) listed.get(id).get("credential")).get("version")).intValue(), "the list shows the current version");
        assertEquals(null, listed.get(bareId).get("credential"), "and no credential for an app without one");
        assertFalse(JsonSerialization.writeValueAsString(listed).contains(SECRET));
        assertEquals(404, vault(realm).send("PUT", "apps/no-such-app/credential", credential("u", "p")).statusCode());

        List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
        assertTrue(events.stream().anyMatch(e -> "UPDATE".equals(e.getOperationType()) && e.getRepresentation() != null
                && e.getRepresentation().contains("svc-payroll")), "credential changes are admin events");
        assertTrue(events.stream().noneMatch(e -> e.getRepresentation() != null && e.getRepresentation().contains(SECRET)),
                "no admin event carries the password");

        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(vault(realm).uri("apps")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }

    @Test
    void appsAreRenamedAssignedUnassignedAndDeletedWithTheirVersions() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String first = vault.createFormApp("Rename " + System.nanoTime(), URI.create("https://payroll.example/login"));
        String second = vault.createFormApp("Other " + System.nanoTime(), URI.create("https://payroll.example/login"));
        String secondName = (String) vault.get("apps/" + second).get("name");
        assertEquals(409, vault.send("PUT", "apps/" + first, app(secondName)).statusCode(), "a rename may not take another app's name");
        assertEquals(204, vault.send("PUT", "apps/" + first, app("Renamed " + System.nanoTime())).statusCode());
        vault.setCredential(first, "svc", SECRET);

        GroupRepresentation group = new GroupRepresentation();
        group.setName("Vault group " + System.nanoTime());
        String groupId = org.keycloak.admin.client.CreatedResponseUtil.getCreatedId(realm.admin().groups().add(group));
        GroupRepresentation child = new GroupRepresentation();
        child.setName("Child");
        realm.admin().groups().group(groupId).subGroup(child).close();
        vault.assign(first, groupId);
        vault.assign(first, groupId);
        List<Map<String, Object>> groups = vault.list("apps/" + first + "/groups");
        assertEquals(List.of("/" + group.getName()), groups.stream().map(g -> g.get("path")).toList(), "assigned once, shown by path");
        assertEquals(404, vault.send("PUT", "apps/" + first + "/groups/no-such-group", "").statusCode());
        assertEquals(204, vault.send("DELETE", "apps/" + first + "/groups/" + groupId, "").statusCode());
        assertEquals(404, vault.send("DELETE", "apps/" + first + "/groups/" + groupId, "").statusCode(), "nothing left to unassign");

        vault.assign(first, groupId);
        realm.admin().groups().group(groupId).remove();
        assertEquals(List.of(), vault.list("apps/" + first + "/groups"), "a removed group takes its assignments with it");

        assertEquals(204, vault.send("DELETE", "apps/" + first, "").statusCode());
        assertEquals(404, vault.send("GET", "apps/" + first, "").statusCode());
        assertEquals(404, vault.send("PUT", "apps/" + first + "/credential", VaultAdminCalls.credential("svc", SECRET)).statusCode());
        assertTrue(realm.admin().getAdminEvents().stream().anyMatch(e -> "DELETE".equals(e.getOperationType())
                && e.getResourcePath() != null && e.getResourcePath().endsWith(first)), "deleting is an admin event");
    }

    @Test
    void aRealmWithoutAKeyEncryptionKeyStoresNoPassword() throws Exception {
        HttpResponse<String> created = vault(noKey).send("POST", "apps", app("Payroll"));
        String location = created.headers().firstValue("Location").orElseThrow(() -> new AssertionError(created.body()));
        String id = location.substring(location.lastIndexOf('/') + 1);
        HttpResponse<String> refused = vault(noKey).send("PUT", "apps/" + id + "/credential", credential("svc", SECRET));
        assertEquals(500, refused.statusCode());
        assertTrue(refused.body().contains("has no key 'kcentra-vault-nokey'"), refused.body());
        assertFalse(refused.body().contains("Exception"), "a clear admin error, not a stack trace");
        assertNull(vault(noKey).get("apps/" + id).get("credential"), "nothing stored");
    }

    /** On PostgreSQL the test reads the rows themselves: neither the password nor its Base64 appears. */
    @Test
    void theStoredRowsHoldNoPlaintext() throws Exception {
        HttpResponse<String> created = vault(realm).send("POST", "apps", app("Dump " + System.nanoTime()));
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(204, vault(realm).send("PUT", "apps/" + id + "/credential", credential("svc-dump", SECRET)).statusCode());
        String url = System.getProperty("kc.test.database.url", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(url.startsWith("jdbc:postgresql:"),
                "the dev H2 database lives inside the server; run with -Ddb=postgres to read the rows");
        try (Connection db = DriverManager.getConnection(url, System.getProperty("kc.test.database.user"),
                System.getProperty("kc.test.database.password"));
             ResultSet rows = db.createStatement().executeQuery("select * from kcentra_vault_credential where app_id = '" + id + "'")) {
            assertTrue(rows.next(), "the credential row");
            StringBuilder dump = new StringBuilder();
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                dump.append(rows.getString(column)).append('|');
            }
            assertFalse(dump.toString().contains(SECRET), dump::toString);
            assertFalse(dump.toString().contains(Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))));
            assertTrue(dump.toString().contains("svc-dump"), "the row is the one written");
        }
    }

    /**
     * On PostgreSQL the test copies realm A's sealed password into realm B's row, as someone with database access might:
     * realm B's key does not open it (realm and credential are bound in), and the copy with A's key id names a key
     * realm B does not have. Both fail closed with an admin error, and nothing is revealed.
     */
    @Test
    void aSealedPasswordCopiedIntoAnotherRealmDoesNotOpen() throws Exception {
        VaultAdminCalls a = new VaultAdminCalls(realm, admin);
        VaultAdminCalls b = new VaultAdminCalls(otherRealm, admin);
        String appA = a.createFormApp("Moved " + System.nanoTime(), URI.create("https://payroll.example/login"));
        a.setCredential(appA, "svc-a", SECRET);
        String appB = b.createFormApp("Target " + System.nanoTime(), URI.create("https://payroll.example/login"));
        b.setCredential(appB, "svc-b", "Realm-B-Secret-1!");
        String url = System.getProperty("kc.test.database.url", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(url.startsWith("jdbc:postgresql:"),
                "the dev H2 database lives inside the server; run with -Ddb=postgres to move rows");
        try (Connection db = DriverManager.getConnection(url, System.getProperty("kc.test.database.user"),
                System.getProperty("kc.test.database.password"))) {
            String copyBlobs = "update kcentra_vault_credential b set wrapped_key = a.wrapped_key, ciphertext = a.ciphertext from kcentra_vault_credential a"
                    + " where a.app_id = ? and a.state = 'current' and b.app_id = ? and b.state = 'current'";
            try (var update = db.prepareStatement(copyBlobs)) {
                update.setString(1, appA);
                update.setString(2, appB);
                assertEquals(1, update.executeUpdate());
            }
            HttpResponse<String> sameKeyId = b.sendAs(admin.tokenManager().grantToken().getToken(), "POST", "apps/" + appB + "/reveal", "");
            assertEquals(500, sameKeyId.statusCode());
            assertTrue(sameKeyId.body().contains("cannot unwrap") && !sameKeyId.body().contains(SECRET), sameKeyId.body());

            try (var update = db.prepareStatement(copyBlobs.replace("ciphertext = a.ciphertext", "ciphertext = a.ciphertext, kek_id = a.kek_id"))) {
                update.setString(1, appA);
                update.setString(2, appB);
                assertEquals(1, update.executeUpdate());
            }
            HttpResponse<String> foreignKey = b.sendAs(admin.tokenManager().grantToken().getToken(), "POST", "apps/" + appB + "/reveal", "");
            assertEquals(500, foreignKey.statusCode());
            assertTrue(foreignKey.body().contains("is not among realm kcentra-vault-b's keys") && !foreignKey.body().contains(SECRET), foreignKey.body());
        }
    }

    private static String app(String name) {
        return "{\"name\": \"" + name + "\", \"loginUrl\": \"https://payroll.example/login\", \"injection\": \"form\","
                + " \"usernameField\": \"user\", \"passwordField\": \"pass\"}";
    }

    private static String credential(String username, String password) {
        return "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}";
    }

    private VaultAdminCalls vault(ManagedRealm target) {
        return new VaultAdminCalls(target, admin);
    }
}
