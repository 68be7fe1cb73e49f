package dev.kcentra.realmconfig;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production template is the demo realm's set-up without the demo: the same flows, the Entra provider and
 * connection pointing at Microsoft with placeholders to fill in, no users, no apps, SSO off until the admin turns it on.
 */
class EntraRealmTemplateTest {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

    private final String text = read("/realms/entra-realm-template.json");
    private final RealmRepresentation template = parse(text);
    private final RealmRepresentation demo = parse(read("/realms/entra-demo-realm.json"));

    @Test
    void placeholdersAreExactlyTheDocumentedOnes() {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        assertEquals(Set.of("KCENTRA_REALM", "KCENTRA_REALM_DISPLAY_NAME", "ENTRA_TENANT_ID", "ENTRA_CLIENT_ID", "ENTRA_CLIENT_SECRET",
                "ENTRA_DOMAIN"), found);
    }

    @Test
    void flowsAreTheDemoRealmsFlows() throws IOException {
        assertEquals(json(demo.getAuthenticationFlows()), json(template.getAuthenticationFlows()));
        assertEquals(json(demo.getAuthenticatorConfig()), json(template.getAuthenticatorConfig()));
        assertEquals(demo.getBrowserFlow(), template.getBrowserFlow());
        assertEquals(demo.getDirectGrantFlow(), template.getDirectGrantFlow());
        assertEquals(demo.getResetCredentialsFlow(), template.getResetCredentialsFlow());
        assertEquals(demo.getEnabledEventTypes(), template.getEnabledEventTypes());
    }

    @Test
    void microsoftIsTheProviderAndTheConnectionAndNothingOfTheDemoRemains() {
        IdentityProviderRepresentation entra = template.getIdentityProviders().get(0);
        assertEquals("https://login.microsoftonline.com/${ENTRA_TENANT_ID}/v2.0", entra.getConfig().get("issuer"));
        assertEquals("${ENTRA_CLIENT_SECRET}", entra.getConfig().get("clientSecret"));
        assertEquals(demo.getIdentityProviders().get(0).getFirstBrokerLoginFlowAlias(), entra.getFirstBrokerLoginFlowAlias());
        assertEquals(demo.getIdentityProviders().get(0).getPostBrokerLoginFlowAlias(), entra.getPostBrokerLoginFlowAlias());
        MultivaluedHashMap<String, String> connection = template.getComponents().get("org.keycloak.storage.UserStorageProvider").get(0).getConfig();
        assertEquals("global", connection.getFirst("cloud"));
        assertNull(connection.getFirst("authorityUrl"), "Microsoft's own endpoints, not the stand-in's");
        assertEquals("false", connection.getFirst("ssoEnabled"), "nobody is sent to Microsoft before the admin turns SSO on");
        assertEquals("external", template.getSslRequired());
        assertTrue(template.isBruteForceProtected());
        assertNull(template.getUsers());
        assertNull(template.getClients());
        assertTrue(!text.contains("127.0.0.1") && !text.contains("demo"), "no stand-in address, no demo secret");
    }

    private static String json(Object value) throws IOException {
        return STRICT.writeValueAsString(value);
    }

    private static RealmRepresentation parse(String json) {
        try {
            return STRICT.readValue(json, RealmRepresentation.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = EntraRealmTemplateTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
