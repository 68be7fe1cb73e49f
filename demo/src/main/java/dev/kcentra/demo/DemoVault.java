package dev.kcentra.demo;

import dev.kcentra.testsupport.AdminApi;
import dev.kcentra.testsupport.LegacyFormApp;

import javax.crypto.KeyGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The demo's shared-credential vault: the realm's key-encryption key in a PKCS#12 keystore, a local legacy app with
 * a form login and a password-change endpoint, and one password app for it, assigned to the group Finance (alice).
 */
final class DemoVault {

    static final int LEGACY_PORT = 8190;
    static final String REALM = "entra-demo";
    /** What the demo's legacy app expects on its password-change endpoint (a demo value, not a secret). */
    static final String CHANGE_SECRET = "demo-legacy-change-secret";
    /** The demo keystore's password (a demo value, not a secret). */
    private static final String KEYSTORE_PASSWORD = "demo-vault-keystore";

    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoVault() {
    }

    /**
     * A PKCS#12 keystore holding a fresh key for the demo realm (the vault's default key source); returns the server
     * options that use it, and the one that lets the vault's webhook and the sync reach the demo's local stand-ins.
     */
    static String[] serverOptions(Path keycloakHome) throws IOException {
        Path dir = keycloakHome.resolve("vault");
        Files.createDirectories(dir);
        Path keystore = dir.resolve("demo-vault.p12");
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setEntry(REALM, new KeyStore.SecretKeyEntry(generator.generateKey()), new KeyStore.PasswordProtection(KEYSTORE_PASSWORD.toCharArray()));
            try (OutputStream out = Files.newOutputStream(keystore)) {
                store.store(out, KEYSTORE_PASSWORD.toCharArray());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the demo's vault keystore", e);
        }
        return new String[] {"--spi-kcentra-vault-keys--keystore--file=" + keystore,
                "--spi-kcentra-vault-keys--keystore--password=" + KEYSTORE_PASSWORD,
                "--spi-kcentra-outbound--allow-private-addresses=true"};
    }

    /** Creates the demo's password app; the legacy app accepts the password the vault holds. */
    static String setUp(AdminApi admin, LegacyFormApp legacy) throws IOException, InterruptedException {
        String base = "/admin/realms/" + REALM + "/kcentra-vault/apps";
        HttpResponse<String> created = admin.call("POST", base, "{\"name\": \"Payroll (legacy demo app)\", \"loginUrl\": \""
                + legacy.loginUrl() + "\", \"injection\": \"form\", \"usernameField\": \"user\", \"passwordField\": \"pass\","
                + " \"description\": \"Signs you in as the shared account svc-payroll.\"}");
        String location = created.headers().firstValue("Location").orElseThrow();
        String app = location.substring(location.lastIndexOf('/') + 1);
        String password = password();
        admin.call("PUT", base + "/" + app + "/credential", "{\"username\": \"svc-payroll\", \"password\": \"" + password + "\"}");
        legacy.acceptPassword(password);
        String finance = admin.get("/admin/realms/" + REALM + "/groups?search=Finance&exact=true").get(0).path("id").asText();
        admin.call("PUT", base + "/" + app + "/groups/" + finance, null);
        admin.call("PUT", base + "/" + app + "/webhook-secret", "{\"secret\": \"" + CHANGE_SECRET + "\"}");
        admin.call("PUT", base + "/" + app + "/rotation", "{\"policy\": {\"rotator\": \"webhook\", \"periodDays\": 30,"
                + " \"webhook\": {\"url\": \"" + legacy.changeUrl() + "\"}}}");
        return app;
    }

    static LegacyFormApp startLegacyApp() {
        return LegacyFormApp.start(LEGACY_PORT, CHANGE_SECRET);
    }

    private static String password() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
