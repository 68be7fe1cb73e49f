package dev.kcentra.adminui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every text of our console pages is in a message bundle: each key the pages translate is in our theme's messages or
 * in keycloak.v2's (which our theme extends), and the ids Keycloak titles our menu entries and tab with are there too.
 */
class AdminMessagesTest {

    private static final Path FRONTEND = Path.of("src/main/frontend");
    private static final Pattern KEY = Pattern.compile("\\bt\\(\"([A-Za-z][A-Za-z0-9-]*)\"|(?:titleKey|subKey)=\"([A-Za-z][A-Za-z0-9-]*)\"|addError\\(\"([A-Za-z]+)\"");

    @Test
    void everyKeyThePagesUseHasAnEnglishText() throws IOException {
        Properties ours = load(Path.of("src/main/resources/theme/kcentra/admin/messages/messages_en.properties"));
        Properties keycloak = keycloakAdminMessages();
        Set<String> missing = new TreeSet<>();
        for (String key : keysUsed()) {
            if (!ours.containsKey(key) && !keycloak.containsKey(key)) {
                missing.add(key);
            }
        }
        assertEquals(Set.of(), missing, "keys without a text");
    }

    @Test
    void theMenuEntriesAndTheTabHaveTitlesInEveryTheme() throws IOException {
        Properties ours = load(Path.of("src/main/resources/theme-resources/messages/messages_en.properties"));
        for (String id : new String[] {EntraSsoPageFactory.PROVIDER_ID, SharedCredentialsPageFactory.PROVIDER_ID, UserEntraTabFactory.PROVIDER_ID}) {
            assertNotNull(ours.getProperty(id), id);
        }
    }

    @Test
    void theThemesRoutesAnswerTheProvidersPaths() throws IOException {
        String routes = Files.readString(FRONTEND.resolve("routes.tsx"));
        assertTrue(routes.contains("ENTRA_SSO_PAGE = \"" + EntraSsoPageFactory.PROVIDER_ID + "\""), "Entra SSO page id");
        assertTrue(routes.contains("SHARED_CREDENTIALS_PAGE = \"" + SharedCredentialsPageFactory.PROVIDER_ID + "\""), "vault page id");
        assertTrue(routes.contains("USER_ENTRA_TAB = \"" + UserEntraTabFactory.TAB + "\""), "user tab segment");
        assertEquals("/:realm/users/:id/:tab", new UserEntraTabFactory().getPath());
    }

    private static Set<String> keysUsed() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(FRONTEND)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tsx") || f.toString().endsWith(".ts")).toList()) {
                Matcher m = KEY.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
                }
            }
        }
        assertTrue(keys.size() > 50, "the pattern finds the pages' keys: " + keys.size());
        return keys;
    }

    private static Properties keycloakAdminMessages() throws IOException {
        try (InputStream in = AdminMessagesTest.class.getResourceAsStream("/theme/keycloak.v2/admin/messages/messages_en.properties")) {
            assertNotNull(in, "keycloak-admin-ui (test scope) brings keycloak.v2's admin messages");
            Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }

    private static Properties load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return properties;
        }
    }
}
