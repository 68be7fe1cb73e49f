package dev.kcentra.bench;

import dev.kcentra.testsupport.KeycloakInstallation;
import dev.kcentra.testsupport.KeycloakServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The one Keycloak a benchmark measures: the 26.7.3 distribution with our bundle, start-dev, fresh H2, fixed heap. */
final class BenchKeycloak {

    static final String URL = "http://localhost:8080";

    private BenchKeycloak() {
    }

    static KeycloakServer start(Path home, String... extraOptions) throws IOException, InterruptedException {
        KeycloakInstallation installation = KeycloakInstallation.withBundle(Path.of(System.getProperty("bench.distribution")),
                home.resolve("keycloak"), Path.of(System.getProperty("bench.bundle")));
        deleteRecursively(installation.home().resolve("data").resolve("h2"));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        // A fixed heap, so that figures compare phases rather than the JVM's appetite on a large machine.
        environment.put("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
        // For profiling a run, e.g. -Dbench.jvm.extra=-XX:FlightRecorderOptions=stackdepth=256
        String extra = System.getProperty("bench.jvm.extra", "");
        if (!extra.isBlank()) {
            environment.put("JAVA_OPTS_APPEND", extra);
        }
        // The stand-ins listen on 127.0.0.1, which server-side requests to admin-given URLs refuse by default.
        String[] options = Stream.concat(Stream.of("start-dev", "--http-port=8080", "--metrics-enabled=true", "--log-level=INFO",
                        "--spi-kcentra-outbound--allow-private-addresses=true"),
                Stream.of(extraOptions)).toArray(String[]::new);
        KeycloakServer server = KeycloakServer.start(installation, environment, home.resolve("keycloak.log"), options);
        System.out.println("Starting Keycloak (log: " + home.resolve("keycloak.log") + ")...");
        server.waitUntilReady(URL + "/realms/master/.well-known/openid-configuration", Duration.ofMinutes(3));
        return server;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
