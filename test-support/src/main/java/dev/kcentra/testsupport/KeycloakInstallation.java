package dev.kcentra.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A stock Keycloak unpacked from the distribution zip, with the bundle in providers/ (and optionally a realm to import). */
public final class KeycloakInstallation {

    private final Path home;

    private KeycloakInstallation(Path home) {
        this.home = home;
    }

    /** Unpacks {@code distribution} under {@code target} (once) and installs the bundle's JARs. */
    public static KeycloakInstallation withBundle(Path distribution, Path target, Path bundle) throws IOException {
        KeycloakInstallation installation = new KeycloakInstallation(unpackOnce(distribution, target));
        installation.installProviders(bundle);
        return installation;
    }

    public Path home() {
        return home;
    }

    public Path launcher() {
        return home.resolve("bin").resolve("kc.sh");
    }

    private static Path unpackOnce(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        Path marker = target.resolve(".unpacked-from");
        String source = zip + "@" + Files.getLastModifiedTime(zip).toMillis();
        try (Stream<Path> existing = Files.list(target)) {
            List<Path> dirs = existing.filter(Files::isDirectory).toList();
            if (Files.isRegularFile(marker) && Files.readString(marker).equals(source) && dirs.size() == 1) {
                return dirs.get(0);
            }
        }
        deleteRecursively(target);
        Files.createDirectories(target);
        Path root = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Refusing zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                if (root == null) {
                    root = target.resolve(target.relativize(out).getName(0));
                }
            }
        }
        if (root == null) {
            throw new IOException(zip + " is empty");
        }
        root.resolve("bin/kc.sh").toFile().setExecutable(true);
        Files.writeString(marker, source);
        return root;
    }

    private void installProviders(Path bundle) throws IOException {
        Path providers = Files.createDirectories(home.resolve("providers"));
        try (Stream<Path> old = Files.list(providers)) {
            for (Path jar : old.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.delete(jar);
            }
        }
        try (Stream<Path> jars = Files.list(bundle)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Copies this installation, file times included (Keycloak reads newer provider JARs as a reason to rebuild). */
    public KeycloakInstallation copyTo(Path target) throws IOException {
        deleteRecursively(target);
        Files.createDirectories(target.getParent());
        try (Stream<Path> walk = Files.walk(home)) {
            for (Path source : walk.toList()) {
                Files.copy(source, target.resolve(home.relativize(source).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return new KeycloakInstallation(target);
    }

    /** Runs {@code kc.sh build} with {@code options}, for servers started with {@code start --optimized}. */
    public void build(Path log, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher().toString(), "build"));
        command.addAll(List.of(options));
        Process build = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (build.waitFor() != 0) {
            throw new IOException("kc.sh build failed with code " + build.exitValue() + "; see " + log);
        }
    }

    /** Places a realm export from the classpath in data/import, for {@code --import-realm}. */
    public void stageRealmImport(String realmResource) throws IOException {
        Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
        try (InputStream realm = KeycloakInstallation.class.getResourceAsStream(realmResource)) {
            if (realm == null) {
                throw new IOException(realmResource + " is not on the classpath");
            }
            Files.copy(realm, imports.resolve(Path.of(realmResource).getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
