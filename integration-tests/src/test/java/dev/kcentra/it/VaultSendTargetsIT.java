package dev.kcentra.it;

import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.LegacyFormApp;
import dev.kcentra.testsupport.VaultTestKeystore;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a stored password can be sent, through the real server (issue 17): a stale admin session cannot point the
 * app or its webhook somewhere else nor rotate now, the webhook stays on the app's own origin, and the realm's
 * key-encryption key cannot be made to leave through a vault reference in the realm's mail settings.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class VaultSendTargetsIT {

    private static final String REALM = "kcentra-vault-send";
    private static final String CHANGE_SECRET = "send-targets-change-secret";
    private static final String INITIAL = "Initial-Secret-1!";

    private static LegacyFormApp legacy;
    /** Another host an attacker controls: it must never receive the password. */
    private static LegacyFormApp attacker;

    @InjectRealm(ref = "vault-send", fromJson = "/vault/vault-send-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @BeforeAll
    static void startApps() {
        legacy = LegacyFormApp.start(CHANGE_SECRET);
        attacker = LegacyFormApp.start(CHANGE_SECRET);
    }

    @AfterAll
    static void stopApps() {
        legacy.close();
        attacker.close();
    }

    @Test
    void aStaleSessionCannotChangeWhereThePasswordGoesNorRotateNow() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = vault.createFormApp("Targets " + System.nanoTime(), legacy.loginUrl());
        vault.setCredential(app, "svc", INITIAL);
        String stale = admin.tokenManager().grantToken().getToken();
        Thread.sleep((EntraBundleServerConfig.REVEAL_MAX_AGE_SECONDS + 1) * 1000L);

        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("login URL", settings(app, attacker.loginUrl().toString(), "form", "user", "pass"));
        refusals.put("injection", settings(app, legacy.loginUrl().toString(), "basic", null, null));
        refusals.put("field names", settings(app, legacy.loginUrl().toString(), "form", "user", "password2"));
        for (Map.Entry<String, String> change : refusals.entrySet()) {
            HttpResponse<String> refused = vault.sendAs(stale, "PUT", "apps/" + app, change.getValue());
            assertEquals(403, refused.statusCode(), change.getKey() + ": " + refused.body());
            assertTrue(refused.body().contains("needs a fresh sign-in"), refused.body());
        }
        assertEquals(403, vault.sendAs(stale, "PUT", "apps/" + app + "/webhook-secret", "{\"secret\": \"" + CHANGE_SECRET + "\"}").statusCode());
        assertEquals(403, vault.sendAs(stale, "PUT", "apps/" + app + "/rotation", "{\"policy\": {\"rotator\": \"webhook\", \"webhook\": {\"url\": \""
                + legacy.changeUrl() + "\"}}}").statusCode());
        assertEquals(403, vault.sendAs(stale, "POST", "apps/" + app + "/rotate", "{\"password\": \"Chosen-By-Attacker-2\"}").statusCode());

        Map<String, Object> unchanged = vault.get("apps/" + app);
        assertEquals(legacy.loginUrl().toString(), unchanged.get("loginUrl"));
        assertEquals("pass", unchanged.get("passwordField"));
        assertEquals(1, ((Number) ((Map<?, ?>) unchanged.get("credential")).get("version")).intValue(), "not rotated");
        assertTrue(attacker.received().isEmpty(), "nothing reached the attacker's host");
        // What does not change where the password goes still works with an older session.
        assertEquals(204, vault.sendAs(stale, "PUT", "apps/" + app, settings(app, legacy.loginUrl().toString(), "form", "user", "pass")
                .replace("\"name\": \"", "\"name\": \"Renamed ")).statusCode());

        assertEquals(204, vault.send("PUT", "apps/" + app, settings(app, legacy.loginUrl().toString(), "form", "login", "pass")).statusCode());
        assertEquals(200, vault.send("POST", "apps/" + app + "/rotate", "{\"password\": \"Rotated-Secret-2\"}").statusCode());
        AdminEventRepresentation update = events(app).stream().filter(e -> e.getDetails() != null
                && "usernameField".equals(e.getDetails().get("sendTargets"))).findFirst().orElseThrow();
        assertTrue(Integer.parseInt(update.getDetails().get("freshSignInSeconds")) <= EntraBundleServerConfig.REVEAL_MAX_AGE_SECONDS);
        assertTrue(events(app).stream().anyMatch(e -> e.getDetails() != null && "rotateNow".equals(e.getDetails().get("sendTargets"))
                && e.getResourcePath().endsWith("/rotate")), "rotate now says it needed the fresh sign-in");
    }

    @Test
    void theWebhookMustBeOnTheAppsOwnOriginWhenSavedAndWhenItRuns() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = vault.createFormApp("Origin " + System.nanoTime(), legacy.loginUrl());
        vault.setCredential(app, "svc", INITIAL);
        legacy.acceptPassword(INITIAL);
        assertEquals(204, vault.send("PUT", "apps/" + app + "/webhook-secret", "{\"secret\": \"" + CHANGE_SECRET + "\"}").statusCode());

        for (String foreign : List.of(attacker.changeUrl().toString(), legacy.changeUrl().toString().replace("127.0.0.1", "localhost"))) {
            HttpResponse<String> refused = vault.send("PUT", "apps/" + app + "/rotation", "{\"policy\": {\"rotator\": \"webhook\","
                    + " \"webhook\": {\"url\": \"" + foreign + "\"}}}");
            assertEquals(400, refused.statusCode(), foreign + ": " + refused.body());
            assertTrue(refused.body().contains("own origin"), refused.body());
        }
        assertEquals(204, vault.send("PUT", "apps/" + app + "/rotation", "{\"policy\": {\"rotator\": \"webhook\","
                + " \"webhook\": {\"url\": \"" + legacy.changeUrl() + "\"}}}").statusCode());

        // The app moves elsewhere afterwards: its old webhook no longer gets the password either.
        assertEquals(204, vault.send("PUT", "apps/" + app, settings(app, attacker.loginUrl().toString(), "form", "user", "pass")).statusCode());
        HttpResponse<String> rotated = vault.send("POST", "apps/" + app + "/rotate", "{}");
        assertEquals(502, rotated.statusCode(), rotated.body());
        assertTrue(rotated.body().contains("own origin"), rotated.body());
        assertTrue(legacy.received().stream().noneMatch(r -> r.path().equals("/change-password")), "the webhook was not called");
        assertEquals(INITIAL, legacy.acceptedPassword());
    }

    @Test
    void theKeyEncryptionKeyDoesNotLeaveThroughAVaultReferenceInTheMailSettings() throws Exception {
        // An operator who followed the old instructions: a key in Keycloak's own vault under the name it used to have.
        byte[] inKeycloaksVault = new byte[32];
        new SecureRandom().nextBytes(inKeycloaksVault);
        Path file = VaultTestKeystore.keycloakVaultDir().resolve(REALM + "_kcentra-vault-kek");
        Files.writeString(file, Base64.getEncoder().encodeToString(inKeycloaksVault));
        try (SmtpCredentialRecorder smtp = new SmtpCredentialRecorder()) {
            VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
            String app = vault.createFormApp("Mail " + System.nanoTime(), legacy.loginUrl());
            vault.setCredential(app, "svc", INITIAL);
            HttpResponse<String> rewrapped = vault.send("POST", "keys/rewrap", "");
            assertEquals(200, rewrapped.statusCode(), rewrapped.body());
            String sealingKey = (String) JsonSerialization.readValue(rewrapped.body(), Map.class).get("keyId");

            // A realm admin's attack: the SMTP password is a vault reference, the SMTP host is theirs.
            RealmRepresentation settings = realm.admin().toRepresentation();
            settings.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(smtp.port()), "from", "vault@example.com",
                    "auth", "true", "user", "collector", "password", "${vault.kcentra-vault-kek}", "ssl", "false", "starttls", "false"));
            realm.admin().update(settings);
            UserRepresentation user = new UserRepresentation();
            user.setUsername("mail-" + System.nanoTime());
            user.setEmail(user.getUsername() + "@example.com");
            user.setEnabled(true);
            String userId;
            try (Response created = realm.admin().users().create(user)) {
                assertEquals(201, created.getStatus());
                userId = created.getLocation().getPath().substring(created.getLocation().getPath().lastIndexOf('/') + 1);
            }
            realm.admin().users().get(userId).executeActionsEmail(List.of("UPDATE_PASSWORD"));

            long deadline = System.currentTimeMillis() + 15_000;
            while (smtp.passwords().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(List.of(Base64.getEncoder().encodeToString(inKeycloaksVault)), smtp.passwords(),
                    "Keycloak resolved the reference and sent that vault secret to the admin's mail host");
            assertNotEquals(sealingKey, fingerprint(inKeycloaksVault), "what was sent is not the key that seals the realm's passwords");
            assertEquals(fingerprint(VaultTestKeystore.currentKey(REALM)), sealingKey, "the keystore's key seals them");
            String keystoreKey = Base64.getEncoder().encodeToString(VaultTestKeystore.currentKey(REALM));
            assertFalse(smtp.passwords().stream().anyMatch(p -> p.contains(keystoreKey)));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The vault's name for a key: {@code kek-} and 16 hex digits of HMAC-SHA-256 of a fixed label under the key. */
    private static String fingerprint(byte[] key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return "kek-" + HexFormat.of().formatHex(mac.doFinal("kcentra-vault key-encryption key id".getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    private static String settings(String app, String loginUrl, String injection, String usernameField, String passwordField) throws Exception {
        return "{\"name\": \"App " + app + "\", \"loginUrl\": " + AdminRestCalls.json(loginUrl) + ", \"injection\": \"" + injection + "\""
                + (usernameField == null ? "" : ", \"usernameField\": \"" + usernameField + "\", \"passwordField\": \"" + passwordField + "\"")
                + "}";
    }

    private List<AdminEventRepresentation> events(String app) {
        return realm.admin().getAdminEvents().stream().filter(e -> e.getResourcePath() != null && e.getResourcePath().contains(app)).toList();
    }
}
