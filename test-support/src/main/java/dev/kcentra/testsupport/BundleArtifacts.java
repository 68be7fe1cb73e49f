package dev.kcentra.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The provider bundle as the {@code bundle} module built it: {@code providers/*.jar} plus {@code providers.txt}, the
 * dependency plugin's list ({@code groupId:artifactId:type[:classifier]:version}). Tests install exactly this set.
 */
public record BundleArtifacts(Path directory, List<Coordinates> artifacts) {

    public static final String DIRECTORY_PROPERTY = "kcentra.bundle.dir";

    public record Coordinates(String groupId, String artifactId, String version) {
        // Maven colours the list when the console supports it; the file then carries the escape sequences.
        private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");

        static Coordinates parse(String line) {
            // "   g:a:jar:1.0 -- module name": the coordinates are the first token.
            String[] parts = firstToken(line).split(":");
            if (parts.length < 4 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalStateException("providers.txt: not groupId:artifactId:type:version: '" + line + "'");
            }
            return new Coordinates(parts[0], parts[1], parts[parts.length - 1]);
        }

        static boolean isCoordinateLine(String line) {
            return firstToken(line).chars().filter(c -> c == ':').count() >= 3;
        }

        private static String firstToken(String line) {
            return ANSI_ESCAPE.matcher(line).replaceAll(" ").trim().split("\\s+")[0];
        }

        public String jarName() {
            return artifactId + "-" + version + ".jar";
        }
    }

    public static BundleArtifacts fromSystemProperty() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("System property " + DIRECTORY_PROPERTY
                    + " is not set: it must name the bundle module's target/providers directory");
        }
        return read(Path.of(dir));
    }

    public static BundleArtifacts read(Path directory) {
        Path list = directory.resolve("providers.txt");
        if (!Files.isRegularFile(list)) {
            throw new IllegalStateException(list + " does not exist: build the bundle first (mvn package -pl bundle -am)");
        }
        try {
            List<Coordinates> artifacts = Files.readAllLines(list).stream()
                    .filter(Coordinates::isCoordinateLine)
                    .map(Coordinates::parse)
                    .toList();
            if (artifacts.isEmpty()) {
                throw new IllegalStateException(list + " lists no artifact");
            }
            return new BundleArtifacts(directory, artifacts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
