package dev.kcentra.testsupport;

import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.standin.StandInOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The Entra stand-in seeded with the demo tenant, on the ports the {@code entra-demo} realm points at. Started once
 * per test JVM, like the Keycloak server, and stopped when the JVM exits.
 */
public final class DemoStandIn {

    public static final String SEED_RESOURCE = "/realms/entra-demo-seed.json";
    public static final String TENANT_ID = "b4d2c7a1-6e3f-4a8b-9c0d-1e2f3a4b5c6d";
    public static final int LOGIN_PORT = 8180;
    public static final int GRAPH_PORT = 8181;

    private static EntraStandIn instance;

    private DemoStandIn() {
    }

    public static synchronized EntraStandIn get() {
        if (instance == null) {
            EntraStandIn started = EntraStandIn.start(new StandInOptions(seedFile(), LOGIN_PORT, GRAPH_PORT));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "entra-stand-in-stop"));
            instance = started;
        }
        return instance;
    }

    private static Path seedFile() {
        try (InputStream seed = DemoStandIn.class.getResourceAsStream(SEED_RESOURCE)) {
            if (seed == null) {
                throw new IllegalStateException(SEED_RESOURCE + " is not on the classpath: add a test dependency on realm-config");
            }
            Path file = Files.createTempFile("entra-demo-seed", ".json");
            file.toFile().deleteOnExit();
            Files.copy(seed, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
