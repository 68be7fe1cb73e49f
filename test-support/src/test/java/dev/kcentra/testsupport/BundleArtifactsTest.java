package dev.kcentra.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kcentra.testsupport.BundleArtifacts.Coordinates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleArtifactsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheDependencyPluginListIncludingColouredLines() throws Exception {
        Files.writeString(dir.resolve("providers.txt"), """

                The following files have been resolved:
                   dev.kcentra:authenticators:jar:0.1.0-SNAPSHOT\u001B[36m -- module authenticators\u001B[0;1;33m (auto)\u001B[m
                   com.example:lib:jar:tests:2.1 -- module lib
                """);
        assertEquals(List.of(new Coordinates("dev.kcentra", "authenticators", "0.1.0-SNAPSHOT"),
                        new Coordinates("com.example", "lib", "2.1")),
                BundleArtifacts.read(dir).artifacts());
    }

    @Test
    void anEmptyOrMissingListIsAnError() throws Exception {
        assertThrows(IllegalStateException.class, () -> BundleArtifacts.read(dir));
        Files.writeString(dir.resolve("providers.txt"), "\nThe following files have been resolved:\n   none\n");
        assertThrows(IllegalStateException.class, () -> BundleArtifacts.read(dir));
    }
}
