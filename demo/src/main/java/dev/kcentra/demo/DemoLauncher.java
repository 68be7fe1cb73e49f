package dev.kcentra.demo;

import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.testsupport.AdminApi;
import dev.kcentra.testsupport.DemoStandIn;
import dev.kcentra.testsupport.KeycloakInstallation;
import dev.kcentra.testsupport.KeycloakServer;
import dev.kcentra.testsupport.LegacyFormApp;
import dev.kcentra.testsupport.PortGuard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starts the Entra stand-in and a real Keycloak with the bundle and the {@code entra-demo} realm, prints where to
 * sign in, and stays in the foreground until interrupted.
 */
public final class DemoLauncher {

    static final String ADMIN_THEME = "kcentra";
    static final String REALM_RESOURCE = "/realms/entra-demo-realm.json";
    static final String KEYCLOAK_URL = "http://localhost:8080";
    static final String REALM_URL = KEYCLOAK_URL + "/realms/entra-demo";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private DemoLauncher() {
    }

    public static void main(String[] args) throws Exception {
        DemoSettings settings;
        try {
            settings = DemoSettings.from(System.getProperties());
            PortGuard.requireFree("the demo's Keycloak", 8080, 9000);
            PortGuard.requireFree("the demo's legacy app", DemoVault.LEGACY_PORT);
        } catch (IllegalArgumentException | IllegalStateException badSetup) {
            System.err.println(badSetup.getMessage());
            System.exit(2);
            return;
        }

        EntraStandIn entra = DemoStandIn.get();
        KeycloakInstallation keycloak = KeycloakInstallation.withBundle(settings.distribution(), settings.home(), settings.bundle());
        keycloak.stageRealmImport(REALM_RESOURCE);
        resetDatabase(keycloak.home());

        LegacyFormApp legacy = DemoVault.startLegacyApp();
        String[] options = Stream.concat(Stream.of("start-dev", "--import-realm", "--http-port=8080", "--features=declarative-ui"),
                Stream.of(DemoVault.serverOptions(keycloak.home()))).toArray(String[]::new);
        KeycloakServer server = KeycloakServer.start(keycloak, settings.keycloakEnvironment(), null, options);
        server.waitUntilReady(REALM_URL + "/.well-known/openid-configuration", START_TIMEOUT);
        AdminApi admin = new AdminApi(KEYCLOAK_URL, settings.adminUser(), settings.adminPassword());
        String sync = DemoSync.fullSync(admin, "entra-demo");
        System.out.println(sync);
        DemoVault.setUp(admin, legacy);
        useAdminTheme(admin);
        printBanner(entra, settings);
        int exit = server.waitFor();
        System.exit(exit);
    }

    /** The console admins sign in to is the master realm's: its admin theme decides whether our pages are there. */
    private static void useAdminTheme(AdminApi admin) throws IOException, InterruptedException {
        var response = admin.call("PUT", "/admin/realms/master", "{\"adminTheme\":\"" + ADMIN_THEME + "\"}");
        if (response.statusCode() != 204) {
            throw new IllegalStateException("Could not select the admin theme: " + response.statusCode() + " " + response.body());
        }
    }

    /** The demo starts from the realm file every time; an earlier run's H2 database would make the import a no-op. */
    private static void resetDatabase(Path home) throws IOException {
        Path h2 = home.resolve("data").resolve("h2");
        if (Files.exists(h2)) {
            try (Stream<Path> files = Files.walk(h2)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void printBanner(EntraStandIn entra, DemoSettings settings) {
        List<String> lines = List.of(
                "",
                "============================================================================",
                " Keycloak + Entra bundle demo is running",
                "   Sign in (account console): " + REALM_URL + "/account",
                "   Admin console:             " + KEYCLOAK_URL + "/admin  (" + settings.adminUser() + " / " + settings.adminPassword() + ")",
                "     realm entra-demo > Configure > Entra SSO / Shared credentials; Users > a user > \"Entra ID & linked accounts\"",
                "   Entra stand-in:            " + entra.loginBaseUrl() + " (login), " + entra.graphBaseUrl() + " (Graph)",
                "",
                " Demo users (identity-first: type the identifier, then you are routed):",
                "   alice / alice@example.com                      password Demo-Password-1!  -> password page",
                "   bob   / bob@example.com                        password Demo-Password-1!  -> password page",
                "   adele.vance@contoso.example                    Entra password Entra-Demo-1! -> Microsoft (stand-in)",
                "   megan.bowen@contoso.example                    Entra password Entra-Demo-1! -> Microsoft (stand-in)",
                "   (synced from the stand-in by User federation > Entra ID, SSO on for all synced users)",
                "",
                " Shared-credential vault: " + REALM_URL + "/kcentra-apps/  (alice is in Finance: open \"Payroll\";",
                "   the legacy app on http://127.0.0.1:" + DemoVault.LEGACY_PORT + "/ receives the shared account's password)",
                "",
                " Linked accounts: " + REALM_URL + "/kcentra-links/  (as alice, link bob by his password, or Adele's Entra",
                "   account with \"Link an account of Microsoft\"; the linked account can then no longer sign in on its own)",
                "",
                " OIDC client for your own app: demo-app (public, PKCE S256, redirect http://127.0.0.1/* or http://localhost/*)",
                " Stop with Ctrl+C.",
                "============================================================================",
                "");
        lines.forEach(System.out::println);
    }
}
