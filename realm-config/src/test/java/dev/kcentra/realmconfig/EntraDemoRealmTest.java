package dev.kcentra.realmconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationExecutionExportRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/** The demo realm and the stand-in seed describe one world: ids, secrets and URLs must agree. */
class EntraDemoRealmTest {

    // Strict: a misspelt property in the realm file would otherwise be ignored by the import.
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final RealmRepresentation realm = read("/realms/entra-demo-realm.json", RealmRepresentation.class);
    private final JsonNode seed = read("/realms/entra-demo-seed.json", JsonNode.class);
    private final JsonNode tenant = seed.get("tenants").get(0);
    private final IdentityProviderRepresentation entra = realm.getIdentityProviders().get(0);

    @Test
    void identityProviderPointsAtTheSeededTenantAndApplication() {
        String tenantId = tenant.get("id").asText();
        JsonNode app = tenant.get("applications").get(0);
        assertEquals("entra", entra.getAlias());
        assertEquals("entra-id", entra.getProviderId());
        assertEquals(app.get("clientId").asText(), entra.getConfig().get("clientId"));
        assertEquals(app.get("clientSecret").asText(), entra.getConfig().get("clientSecret"));
        assertEquals("http://127.0.0.1:8180/" + tenantId + "/v2.0", entra.getConfig().get("issuer"));
        for (String endpoint : List.of("authorizationUrl", "tokenUrl", "jwksUrl", "logoutUrl")) {
            assertTrue(entra.getConfig().get(endpoint).startsWith("http://127.0.0.1:8180/" + tenantId + "/"), endpoint);
        }
        assertEquals("http://localhost:8080/realms/" + realm.getRealm() + "/broker/" + entra.getAlias() + "/endpoint",
                app.get("redirectUris").get(0).asText());
    }

    @Test
    void linkedUsersAreKeyedByTenantAndObjectIdOfSeededUsers() {
        Set<String> seeded = StreamSupport.stream(tenant.get("users").spliterator(), false)
                .map(u -> tenant.get("id").asText() + ":" + u.get("id").asText() + "=" + u.get("userPrincipalName").asText())
                .collect(Collectors.toSet());
        List<FederatedIdentityRepresentation> links = realm.getUsers().stream()
                .filter(u -> u.getFederatedIdentities() != null)
                .flatMap(u -> u.getFederatedIdentities().stream())
                .toList();
        assertEquals(2, links.size());
        for (FederatedIdentityRepresentation link : links) {
            assertEquals(entra.getAlias(), link.getIdentityProvider());
            assertTrue(seeded.contains(link.getUserId() + "=" + link.getUserName()), link.getUserId());
        }
    }

    @Test
    void browserFlowIsTheIdentityFirstFlow() {
        AuthenticationFlowRepresentation browser = flow(realm.getBrowserFlow());
        List<String> steps = browser.getAuthenticationExecutions().stream()
                .map(e -> e.getAuthenticator() != null ? e.getAuthenticator() : e.getFlowAlias()).toList();
        assertEquals(List.of("auth-cookie", "identity-provider-redirector", "entra identity-first forms"), steps);
        AuthenticationExecutionExportRepresentation identityFirst = flow("entra identity-first forms").getAuthenticationExecutions().get(0);
        assertEquals("kcentra-identity-first", identityFirst.getAuthenticator());
        assertEquals("REQUIRED", identityFirst.getRequirement());
        assertNotNull(realm.getAuthenticatorConfig().stream()
                .filter(c -> c.getAlias().equals(identityFirst.getAuthenticatorConfig())).findFirst().orElse(null));
        assertEquals("entra", realm.getLoginTheme());
    }

    private AuthenticationFlowRepresentation flow(String alias) {
        return realm.getAuthenticationFlows().stream().filter(f -> f.getAlias().equals(alias)).findFirst()
                .orElseThrow(() -> new AssertionError("no flow " + alias));
    }

    private static <T> T read(String resource, Class<T> type) {
        try (InputStream in = EntraDemoRealmTest.class.getResourceAsStream(resource)) {
            return STRICT.readValue(in, type);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
