package dev.kcentra.docker;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container recipe without a Docker engine: both compose profiles run Keycloak on PostgreSQL, the production one
 * imports the template with every placeholder the template has, and the image enables what our admin pages need.
 */
class ComposeFileTest {

    private static final Path RECIPE = Path.of("src/main/docker");
    private static final Path TEMPLATE = Path.of("../realm-config/src/main/resources/realms/entra-realm-template.json");

    @Test
    void bothProfilesRunKeycloakOnPostgres() throws IOException {
        Map<String, Object> services = services();
        for (String name : List.of("keycloak", "keycloak-production")) {
            Map<String, Object> keycloak = map(services.get(name));
            Map<String, Object> environment = map(keycloak.get("environment"));
            assertTrue(String.valueOf(environment.get("KC_DB_URL")).startsWith("jdbc:postgresql://"), name);
            assertEquals("service_healthy", map(map(keycloak.get("depends_on")).get("postgres")).get("condition"), name);
            assertEquals(List.of("start", "--optimized", "--import-realm"), keycloak.get("command"), name);
        }
        assertEquals(List.of("demo"), map(services.get("keycloak")).get("profiles"));
        assertEquals(List.of("production"), map(services.get("keycloak-production")).get("profiles"));
        assertEquals(List.of("demo"), map(services.get("entra-stand-in")).get("profiles"), "no stand-in in production");
    }

    @Test
    void theProductionProfileImportsTheTemplateWithAllItsPlaceholders() throws IOException {
        Map<String, Object> production = map(services().get("keycloak-production"));
        assertEquals(List.of("./realms/entra-realm-template.json:/opt/keycloak/data/import/entra-realm-template.json:ro"), production.get("volumes"));
        Map<String, Object> environment = map(production.get("environment"));
        Set<String> placeholders = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(Files.readString(TEMPLATE));
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        assertEquals(Set.of("ENTRA_CLIENT_ID", "ENTRA_CLIENT_SECRET", "ENTRA_DOMAIN", "ENTRA_TENANT_ID", "KCENTRA_REALM", "KCENTRA_REALM_DISPLAY_NAME"), placeholders);
        for (String placeholder : placeholders) {
            // Required from the operator's environment: compose refuses to start without it.
            assertTrue(String.valueOf(environment.get(placeholder)).startsWith("${" + placeholder + ":?"), placeholder);
        }
    }

    /** Issue 17: production never starts with a known admin password, nor with the demo realm. */
    @Test
    void productionHasNoDefaultAdminPasswordAndOnlyTheDemoImportsTheDemoRealm() throws IOException {
        Map<String, Object> services = services();
        for (String name : List.of("keycloak-production", "admin-theme-production")) {
            Object password = map(map(services.get(name)).get("environment")).get("KC_BOOTSTRAP_ADMIN_PASSWORD");
            assertTrue(String.valueOf(password).startsWith("${KC_BOOTSTRAP_ADMIN_PASSWORD:?"), name + ": required, no default: " + password);
        }
        Map<String, Object> production = map(map(services.get("keycloak-production")).get("environment"));
        assertTrue(String.valueOf(production.get("KC_HOSTNAME")).startsWith("${KC_HOSTNAME:?"), "production names its own URL");
        assertEquals("127.0.0.1", production.get("KC_HTTP_HOST"), "plain HTTP only for a local TLS proxy");
        for (Map.Entry<String, Object> service : services.entrySet()) {
            String text = String.valueOf(service.getValue());
            if (text.contains("entra-demo-realm.json")) {
                assertEquals(List.of("demo"), map(service.getValue()).get("profiles"), service.getKey() + " brings the demo realm");
            }
        }
        assertEquals("true", map(map(services.get("keycloak")).get("environment")).get("KC_SPI_KCENTRA_OUTBOUND__ALLOW_PRIVATE_ADDRESSES"),
                "the demo's stand-in is on loopback");
        assertFalse(production.containsKey("KC_SPI_KCENTRA_OUTBOUND__ALLOW_PRIVATE_ADDRESSES"), "production refuses private destinations");
        String dockerfile = Files.readString(RECIPE.resolve("Dockerfile"));
        assertFalse(dockerfile.contains("entra-demo-realm.json"), "the image carries no demo realm");
        assertFalse(dockerfile.contains("--import-realm"), "the image's default command imports nothing");
    }

    @Test
    void theAdminThemeIsSelectedAndTheImageEnablesDeclarativePages() throws IOException {
        for (String name : List.of("admin-theme", "admin-theme-production")) {
            Map<String, Object> adminTheme = map(services().get(name));
            assertTrue(String.valueOf(adminTheme.get("command")).contains("update realms/master -s adminTheme=kcentra"), name);
        }
        assertEquals(List.of("demo"), map(services().get("admin-theme")).get("profiles"));
        assertEquals(List.of("production"), map(services().get("admin-theme-production")).get("profiles"));
        String dockerfile = Files.readString(RECIPE.resolve("Dockerfile"));
        assertTrue(dockerfile.contains("KC_DB=postgres"), "built for PostgreSQL");
        assertTrue(dockerfile.contains("KC_FEATURES=declarative-ui"), "our admin pages are declarative pages");
        assertTrue(dockerfile.contains("/opt/keycloak/data/templates/entra-realm-template.json"), "the template ships in the image");
    }

    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(RECIPE.resolve("compose.yaml")));
        return map(compose.get("services"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
