package dev.kcentra.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What the demo needs to know, read from system properties and checked up front so that a wrong setting is reported
 * by name instead of surfacing later as a Keycloak start-up failure.
 */
public record DemoSettings(Path distribution, Path bundle, Path home, String adminUser, String adminPassword) {

    public static final String DISTRIBUTION = "demo.distribution";
    public static final String BUNDLE = "demo.bundle";
    public static final String HOME = "demo.home";
    public static final String ADMIN_USER = "demo.admin.user";
    public static final String ADMIN_PASSWORD = "demo.admin.password";

    public static DemoSettings from(Properties properties) {
        Path distribution = existingFile(properties, DISTRIBUTION, ".zip");
        Path bundle = existingDirectory(properties, BUNDLE);
        if (!Files.isRegularFile(bundle.resolve("providers.txt"))) {
            throw new DemoSettingsException(BUNDLE, bundle + " is not a built bundle (no providers.txt): run mvn package first");
        }
        Path home = path(properties, HOME);
        String adminUser = text(properties, ADMIN_USER, "admin");
        String adminPassword = text(properties, ADMIN_PASSWORD, "admin");
        return new DemoSettings(distribution, bundle, home, adminUser, adminPassword);
    }

    /** Without the admin password: settings end up in logs and failure messages. */
    @Override
    public String toString() {
        return "DemoSettings[distribution=" + distribution + ", bundle=" + bundle + ", home=" + home + ", adminUser=" + adminUser
                + ", adminPassword=" + (adminPassword == null ? null : "**********") + "]";
    }

    public Map<String, String> keycloakEnvironment() {
        return Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", adminUser, "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    }

    private static Path existingFile(Properties properties, String name, String suffix) {
        Path file = path(properties, name);
        if (!Files.isRegularFile(file) || !file.getFileName().toString().endsWith(suffix)) {
            throw new DemoSettingsException(name, file + " is not an existing " + suffix + " file");
        }
        return file;
    }

    private static Path existingDirectory(Properties properties, String name) {
        Path dir = path(properties, name);
        if (!Files.isDirectory(dir)) {
            throw new DemoSettingsException(name, dir + " is not an existing directory");
        }
        return dir;
    }

    private static Path path(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank() || value.contains("${")) {
            throw new DemoSettingsException(name, "is not set");
        }
        try {
            return Path.of(value.trim()).toAbsolutePath().normalize();
        } catch (RuntimeException invalid) {
            throw new DemoSettingsException(name, "'" + value + "' is not a valid path");
        }
    }

    private static String text(Properties properties, String name, String fallback) {
        String value = properties.getProperty(name, fallback);
        if (value.isBlank() || !value.equals(value.strip()) || value.chars().anyMatch(Character::isISOControl)) {
            throw new DemoSettingsException(name, "must be non-blank text without surrounding spaces or control characters");
        }
        return value;
    }

    /** A bad setting, named. */
    public static final class DemoSettingsException extends IllegalArgumentException {
        public DemoSettingsException(String setting, String problem) {
            super("Demo setting -D" + setting + ": " + problem);
        }
    }
}
