package dev.kcentra.it;

import dev.kcentra.testsupport.AdminApi;
import dev.kcentra.testsupport.KeycloakInstallation;
import dev.kcentra.testsupport.KeycloakServer;
import dev.kcentra.testsupport.VaultTestKeystore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a production-mode Keycloak cluster on this machine: its own copy of the distribution with the bundle,
 * its own HTTP, management and JGroups ports, the shared PostgreSQL schema, JDBC_PING discovery (Keycloak's default).
 */
final class ClusterNode implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "cluster-admin";
    private static final String VAULT_KEY_SOURCE = "--spi-kcentra-vault-keys--provider=keystore";

    final String name;
    final int httpPort;
    private final int managementPort;
    private final int jgroupsPort;
    private final KeycloakInstallation installation;
    private final Path log;
    private KeycloakServer server;

    ClusterNode(String name, KeycloakInstallation installation, int httpPort, int managementPort, int jgroupsPort) {
        this.name = name;
        this.installation = installation;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.jgroupsPort = jgroupsPort;
        this.log = installation.home().getParent().resolve(name + ".log");
    }

    /** The build options every node shares; {@code start --optimized} needs the installation built with them. */
    static String[] buildOptions() {
        return new String[] {"--db=postgres", "--cache=ispn", "--health-enabled=true", VAULT_KEY_SOURCE};
    }

    void start(ClusterDatabase database) throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>();
        // Only the first node to reach an empty database creates this admin; the others find it there.
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        List<String> arguments = List.of("start", "--optimized",
                "--http-enabled=true", "--hostname-strict=false",
                "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--db-url=" + database.url(), "--db-username=" + database.user(), "--db-password=" + database.password(),
                "--db-schema=" + database.schema(),
                "--cache-embedded-network-bind-address=127.0.0.1", "--cache-embedded-network-bind-port=" + jgroupsPort,
                VAULT_KEY_SOURCE, "--spi-kcentra-vault-keys--keystore--file=" + VaultTestKeystore.file(),
                "--spi-kcentra-vault-keys--keystore--password=" + VaultTestKeystore.PASSWORD,
                "--spi-admin-realm-restapi-extension--kcentra-vault--rotation-check-seconds=1",
                // The legacy app's webhook listens on 127.0.0.1.
                "--spi-kcentra-outbound--allow-private-addresses=true");
        server = KeycloakServer.start(installation, environment, log, arguments.toArray(String[]::new));
        server.waitUntilReady("http://127.0.0.1:" + managementPort + "/health/ready", Duration.ofMinutes(4));
    }

    AdminApi admin() {
        return new AdminApi("http://127.0.0.1:" + httpPort, ADMIN, ADMIN_PASSWORD);
    }

    /** Its output so far (Keycloak's console log). */
    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    Path logFile() {
        return log;
    }

    void kill() throws InterruptedException {
        server.kill();
    }

    boolean isRunning() {
        return server != null && server.isAlive();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
