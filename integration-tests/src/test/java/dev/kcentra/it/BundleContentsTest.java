package dev.kcentra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kcentra.testsupport.BundleArtifacts;
import dev.kcentra.testsupport.BundleArtifacts.Coordinates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The bundle must never carry a second copy of a library Keycloak already loads: that breaks the server at run time. */
class BundleContentsTest {

    private final BundleArtifacts bundle = BundleArtifacts.fromSystemProperty();
    private final KeycloakLibraries keycloak = KeycloakLibraries.fromDistribution(Path.of(System.getProperty("keycloak.dist.zip")));

    @Test
    void bundleRepeatsNoLibraryOfTheKeycloakDistribution() {
        assertTrue(keycloak.jarNames().size() > 100, "lib/lib/main of the distribution was not read");
        assertEquals(List.of(), keycloak.alreadyShipped(bundle.artifacts()),
                "bundled JARs that Keycloak 26.7.3 already has in lib/lib/main");
    }

    @Test
    void theCheckRecognisesKeycloaksOwnLibraries() {
        List<Coordinates> copies = List.of(
                new Coordinates("com.fasterxml.jackson.core", "jackson-databind", "2.17.0"),
                new Coordinates("com.google.guava", "guava", "32.0.0-jre"),
                new Coordinates("com.fasterxml.jackson.core", "jackson", "2.0"));
        assertEquals(List.of("com.fasterxml.jackson.core:jackson-databind", "com.google.guava:guava"),
                keycloak.alreadyShipped(copies));
    }

    @Test
    void providersDirectoryHoldsExactlyTheListedJars() throws IOException {
        Set<String> listed = bundle.artifacts().stream().map(Coordinates::jarName).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(bundle.directory())) {
            Set<String> jars = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).collect(Collectors.toSet());
            assertEquals(listed, jars);
        }
        assertFalse(bundle.artifacts().stream().anyMatch(a -> a.groupId().equals("org.keycloak")),
                "Keycloak's own artifacts are provided by the server, never bundled");
        assertTrue(bundle.artifacts().stream().anyMatch(a -> a.artifactId().equals("authenticators")));
    }
}
