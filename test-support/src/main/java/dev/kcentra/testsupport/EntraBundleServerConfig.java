package dev.kcentra.testsupport;

import java.util.concurrent.atomic.AtomicBoolean;

import org.keycloak.common.Profile;
import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The real Keycloak distribution with our whole provider bundle installed, as an admin would deploy it.
 * Use with {@code @KeycloakIntegrationTest(config = EntraBundleServerConfig.class)}.
 */
public class EntraBundleServerConfig implements KeycloakServerConfig {

    /** Keycloak's HTTP and management ports in the test framework's distribution mode. */
    public static final int[] KEYCLOAK_PORTS = {8080, 9000};

    public static final int LAUNCH_TOKEN_SECONDS = 3;
    public static final int REVEAL_MAX_AGE_SECONDS = 15;

    // The framework builds this config more than once per run; only the first time is the server not ours yet.
    private static final AtomicBoolean PORTS_CHECKED = new AtomicBoolean();

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        if (PORTS_CHECKED.compareAndSet(false, true)) {
            PortGuard.requireFree("the Keycloak test server", KEYCLOAK_PORTS);
        }
        for (BundleArtifacts.Coordinates artifact : BundleArtifacts.fromSystemProperty().artifacts()) {
            config.dependency(artifact.groupId(), artifact.artifactId());
        }
        // Our admin pages are declarative pages and tabs (admin-ui-ext); the demo and the image enable it too.
        config.features(Profile.Feature.DECLARATIVE_UI);
        config.log().categoryLevel("dev.kcentra", "DEBUG");
        // Tests restart the Entra stand-in on the same port; a pooled keep-alive connection to the stopped one would
        // fail the next token request (NoHttpResponseException). Microsoft does not restart under Keycloak's feet.
        config.spiOption("connections-http-client", "default", "reuse-connections", "false");
        // Outage tests switch the stand-in's faults from one request to the next: ask Microsoft at every redirect.
        config.spiOption("authenticator", "kcentra-identity-first", "availability-cache-seconds", "0");
        config.spiOption("authenticator", "kcentra-identity-first", "probe-timeout-millis", "1500");
        // The vault's keys come from the default key source (the keystore); Keycloak's own file vault is on as well,
        // as in a deployment that keeps other realm secrets there, so a test can show the key is not among them.
        config.option("vault", "file");
        config.option("vault-dir", VaultTestKeystore.keycloakVaultDir().toString());
        config.spiOption("kcentra-vault-keys", "keystore", "file", VaultTestKeystore.file().toString());
        config.spiOption("kcentra-vault-keys", "keystore", "password", VaultTestKeystore.PASSWORD);
        // Short enough for a test to outwait a launch token and a reveal's fresh sign-in.
        config.spiOption("realm-restapi-extension", "kcentra-apps", "launch-token-seconds", String.valueOf(LAUNCH_TOKEN_SECONDS));
        config.spiOption("admin-realm-restapi-extension", "kcentra-vault", "reveal-max-age-seconds", String.valueOf(REVEAL_MAX_AGE_SECONDS));
        config.spiOption("admin-realm-restapi-extension", "kcentra-vault", "rotation-check-seconds", "2");
        // The stand-ins (Entra, the legacy app's webhook) listen on 127.0.0.1, which server-side requests to
        // admin-given URLs refuse by default.
        config.option("spi-kcentra-outbound--allow-private-addresses", "true");
        return config;
    }
}
