package dev.kcentra.it;

import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.LegacyFormApp;
import dev.kcentra.testsupport.VaultTestKeystore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rollover, reveal and key rotation through the real server, against the local legacy app's password-change endpoint:
 * a confirmed change advances the version, a failed one keeps the old version in service, both are admin events.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class VaultRotationIT {

    private static final String CHANGE_SECRET = "legacy-change-secret-2026";
    private static final String INITIAL = "Initial-Secret-1!";
    /** The server looks at the keystore file's modification time at most once a second. */
    private static final long KEYSTORE_CHECK_MILLIS = 1500;

    private static LegacyFormApp legacy;

    @InjectRealm(ref = "vault-a", fromJson = "/vault/vault-a-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @BeforeAll
    static void startLegacyApp() {
        legacy = LegacyFormApp.start(CHANGE_SECRET);
    }

    @AfterAll
    static void stopLegacyApp() {
        legacy.close();
    }

    @Test
    void aConfirmedWebhookChangeAdvancesTheVersionAndAFailedOneKeepsTheOld() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = webhookApp(vault, "{\"rotator\": \"webhook\", \"length\": 40, \"symbols\": true, \"webhook\": {\"url\": \""
                + legacy.changeUrl() + "\"}}");

        HttpResponse<String> rotated = vault.send("POST", "apps/" + app + "/rotate", "{}");
        assertEquals(200, rotated.statusCode(), rotated.body());
        assertEquals(2, ((Number) JsonSerialization.readValue(rotated.body(), Map.class).get("version")).intValue());
        String generated = legacy.acceptedPassword();
        assertNotEquals(INITIAL, generated, "the app's password changed");
        assertEquals(40, generated.length());
        assertEquals(generated, reveal(vault, app).get("password"), "the vault serves exactly what the app accepted");
        assertEquals(List.of("current", "retired"), states(vault, app));

        legacy.failChanges(true);
        try {
            HttpResponse<String> failed = vault.send("POST", "apps/" + app + "/rotate", "{}");
            assertEquals(502, failed.statusCode(), failed.body());
            assertTrue(failed.body().contains("answered 500"), failed.body());
        } finally {
            legacy.failChanges(false);
        }
        assertEquals(generated, legacy.acceptedPassword());
        assertEquals(generated, reveal(vault, app).get("password"), "the old version stays in service");
        assertEquals(List.of("current", "retired"), states(vault, app), "the failed pending version was destroyed");
        Map<String, Object> status = vault.get("apps/" + app + "/rotation");
        assertTrue(((String) status.get("lastRotationResult")).startsWith("failed, old version kept"), status.toString());

        List<AdminEventRepresentation> events = rotationEvents(app);
        assertTrue(events.stream().anyMatch(e -> e.getError() == null), "the success is an admin event");
        assertTrue(events.stream().anyMatch(e -> "rotation_failed".equals(e.getError())), "the failure is an admin event with an error");
        String all = JsonSerialization.writeValueAsString(realm.admin().getAdminEvents());
        assertFalse(all.contains(generated) || all.contains(INITIAL) || all.contains(CHANGE_SECRET), "no admin event carries a secret");
    }

    @Test
    void theManualRotatorTakesTheAdminsPasswordAndOldVersionsAreDestroyedBeyondTheLimit() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = vault.createFormApp("Manual " + System.nanoTime(), legacy.loginUrl());
        vault.setCredential(app, "svc", INITIAL);
        assertEquals(204, vault.send("PUT", "apps/" + app + "/rotation", "{\"policy\": {\"rotator\": \"manual\", \"keepVersions\": 2}}").statusCode());
        HttpResponse<String> noPassword = vault.send("POST", "apps/" + app + "/rotate", "{}");
        assertEquals(409, noPassword.statusCode());
        assertTrue(noPassword.body().contains("needs the new password"), noPassword.body());
        for (int i = 2; i <= 5; i++) {
            HttpResponse<String> rotated = vault.send("POST", "apps/" + app + "/rotate", "{\"password\": \"Manual-Secret-" + i + "\"}");
            assertEquals(200, rotated.statusCode(), rotated.body());
        }
        List<?> versions = (List<?>) vault.get("apps/" + app + "/rotation").get("versions");
        assertEquals(List.of(5, 4, 3), versions.stream().map(v -> ((Number) ((Map<?, ?>) v).get("version")).intValue()).toList(),
                "the current version and two old ones; older ones are destroyed");
        assertEquals("Manual-Secret-5", reveal(vault, app).get("password"));

        assertEquals(400, vault.send("PUT", "apps/" + app + "/rotation", "{\"policy\": {\"rotator\": \"nonsense\"}}").statusCode());
        assertEquals(400, vault.send("PUT", "apps/" + app + "/rotation", "{\"policy\": {\"rotator\": \"webhook\"}}").statusCode());
        assertEquals(400, vault.send("PUT", "apps/" + app + "/rotation", "{\"policy\": {\"length\": 4}}").statusCode());
    }

    @Test
    void aDueRotationRunsOnScheduleAndMovesTheNextDate() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = webhookApp(vault, "{\"rotator\": \"webhook\", \"periodDays\": 30, \"webhook\": {\"url\": \"" + legacy.changeUrl() + "\"}}");
        long due = System.currentTimeMillis() - 1000;
        assertEquals(204, vault.send("PUT", "apps/" + app + "/rotation", "{\"policy\": {\"rotator\": \"webhook\", \"periodDays\": 30,"
                + " \"webhook\": {\"url\": \"" + legacy.changeUrl() + "\"}}, \"nextRotationAt\": " + due + "}").statusCode());
        long deadline = System.currentTimeMillis() + 30_000;
        Map<String, Object> status = vault.get("apps/" + app + "/rotation");
        while (!states(vault, app).equals(List.of("current", "retired")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        status = vault.get("apps/" + app + "/rotation");
        assertEquals(List.of("current", "retired"), states(vault, app), status.toString());
        long next = ((Number) status.get("nextRotationAt")).longValue();
        assertTrue(next > System.currentTimeMillis() + 29L * 86_400_000L, "the next rotation is a period away: " + status);
        assertEquals(legacy.acceptedPassword(), reveal(vault, app).get("password"));
        Thread.sleep(5000);
        assertEquals(2, ((List<?>) vault.get("apps/" + app + "/rotation").get("versions")).size(), "rotated once, not at every check");
        assertTrue(rotationEvents(app).stream().anyMatch(e -> e.getRepresentation() != null && e.getRepresentation().contains("\"schedule\"")));
    }

    @Test
    void revealNeedsAFreshSignInAndIsAudited() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = vault.createFormApp("Reveal " + System.nanoTime(), legacy.loginUrl());
        vault.setCredential(app, "svc", INITIAL);
        String stale = admin.tokenManager().grantToken().getToken();
        Thread.sleep((EntraBundleServerConfig.REVEAL_MAX_AGE_SECONDS + 1) * 1000L);
        HttpResponse<String> refused = vault.sendAs(stale, "POST", "apps/" + app + "/reveal", "");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("fresh sign-in"), refused.body());
        assertFalse(refused.body().contains(INITIAL));
        assertEquals(INITIAL, reveal(vault, app).get("password"));
        assertTrue(realm.admin().getAdminEvents().stream().anyMatch(e -> e.getResourcePath() != null
                && e.getResourcePath().endsWith(app + "/reveal") && !e.getRepresentation().contains(INITIAL)));
    }

    @Test
    void aNewKeyEncryptionKeyReWrapsEveryDataKeyAndTheOldKeyCanThenGo() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = vault.createFormApp("Keys " + System.nanoTime(), legacy.loginUrl());
        vault.setCredential(app, "svc", INITIAL);
        String suffix = "old" + System.nanoTime();
        VaultTestKeystore.rotate("kcentra-vault-a", suffix);
        Thread.sleep(KEYSTORE_CHECK_MILLIS);
        try {
            assertEquals(INITIAL, reveal(vault, app).get("password"), "rows under the previous key still open");
            HttpResponse<String> rewrapped = vault.send("POST", "keys/rewrap", "");
            assertEquals(200, rewrapped.statusCode(), rewrapped.body());
            assertTrue(((Number) JsonSerialization.readValue(rewrapped.body(), Map.class).get("rewrapped")).intValue() >= 1);
            assertEquals(0, ((Number) JsonSerialization.readValue(vault.send("POST", "keys/rewrap", "").body(), Map.class).get("rewrapped")).intValue(),
                    "nothing is left under the old key");
        } finally {
            VaultTestKeystore.forget("kcentra-vault-a", suffix);
        }
        Thread.sleep(KEYSTORE_CHECK_MILLIS);
        assertEquals(INITIAL, reveal(vault, app).get("password"), "opens without the old key");
    }

    private String webhookApp(VaultAdminCalls vault, String policy) throws Exception {
        String app = vault.createFormApp("Webhook " + System.nanoTime(), legacy.loginUrl());
        vault.setCredential(app, "svc-webhook", INITIAL);
        legacy.acceptPassword(INITIAL);
        assertEquals(204, vault.send("PUT", "apps/" + app + "/webhook-secret", "{\"secret\": \"" + CHANGE_SECRET + "\"}").statusCode());
        HttpResponse<String> set = vault.send("PUT", "apps/" + app + "/rotation", "{\"policy\": " + policy + "}");
        assertEquals(204, set.statusCode(), set.body());
        return app;
    }

    private Map<?, ?> reveal(VaultAdminCalls vault, String app) throws Exception {
        HttpResponse<String> revealed = vault.sendAs(admin.tokenManager().grantToken().getToken(), "POST", "apps/" + app + "/reveal", "");
        assertEquals(200, revealed.statusCode(), revealed.body());
        return JsonSerialization.readValue(revealed.body(), Map.class);
    }

    private List<String> states(VaultAdminCalls vault, String app) throws Exception {
        return ((List<?>) vault.get("apps/" + app + "/rotation").get("versions")).stream().map(v -> (String) ((Map<?, ?>) v).get("state")).toList();
    }

    private List<AdminEventRepresentation> rotationEvents(String app) {
        return realm.admin().getAdminEvents().stream().filter(e -> e.getResourcePath() != null && e.getResourcePath().contains(app + "/rotate")).toList();
    }
}
