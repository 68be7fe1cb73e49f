package dev.kcentra.it;

import dev.kcentra.testsupport.BundleArtifacts.Coordinates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

/** The libraries a Keycloak distribution ships in {@code lib/lib/main}, named {@code groupId.artifactId-version.jar}. */
record KeycloakLibraries(Set<String> jarNames) {

    private static final Pattern MAIN_LIB = Pattern.compile("[^/]+/lib/lib/main/([^/]+\\.jar)");

    static KeycloakLibraries fromDistribution(Path distributionZip) {
        try (ZipFile zip = new ZipFile(distributionZip.toFile())) {
            Set<String> names = zip.stream()
                    .map(entry -> MAIN_LIB.matcher(entry.getName()))
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .collect(Collectors.toUnmodifiableSet());
            return new KeycloakLibraries(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled artifacts of which Keycloak already has a copy, whatever its version. */
    List<String> alreadyShipped(Collection<Coordinates> bundled) {
        return bundled.stream()
                .filter(artifact -> jarNames.stream().anyMatch(jar -> isCopyOf(jar, artifact)))
                .map(artifact -> artifact.groupId() + ":" + artifact.artifactId())
                .toList();
    }

    private static boolean isCopyOf(String jarName, Coordinates artifact) {
        String prefix = artifact.groupId() + "." + artifact.artifactId() + "-";
        return jarName.startsWith(prefix) && Character.isDigit(jarName.charAt(prefix.length()));
    }
}
