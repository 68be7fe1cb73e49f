package dev.kcentra.realmconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationExecutionExportRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentExportRepresentation;
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
    void entraConnectionSyncsTheSeededTenantWithSsoForAllSyncedUsers() {
        List<ComponentExportRepresentation> connections = realm.getComponents().get("org.keycloak.storage.UserStorageProvider");
        assertEquals(1, connections.size(), "one Entra ID connection per realm");
        MultivaluedHashMap<String, String> config = connections.get(0).getConfig();
        JsonNode app = tenant.get("applications").get(0);
        assertEquals("Entra ID", connections.get(0).getProviderId());
        assertEquals(tenant.get("id").asText(), config.getFirst("tenantId"));
        assertEquals(app.get("clientId").asText(), config.getFirst("clientId"));
        assertEquals(app.get("clientSecret").asText(), config.getFirst("clientSecret"));
        assertEquals("http://127.0.0.1:8180", config.getFirst("authorityUrl"));
        assertEquals("http://127.0.0.1:8181", config.getFirst("graphUrl"));
        assertTrue(app.get("appRoles").toString().contains("User.Read.All"), "the app may read users");
        assertEquals("true", config.getFirst("ssoEnabled"));
        assertEquals("true", config.getFirst("ssoForAllSynced"));
        assertEquals(entra.getAlias(), config.getFirst("identityProviderAlias"));
        assertTrue(realm.getUsers().stream().allMatch(u -> u.getFederatedIdentities() == null),
                "Entra users come from the sync, not from the realm file");
    }

    @Test
    void browserFlowIsTheIdentityFirstFlowAndRefusesLinkedAccounts() {
        assertEquals(List.of("entra sign-in", "kcentra-linked-account-refusal"), steps(realm.getBrowserFlow()));
        assertEquals(List.of("auth-cookie", "identity-provider-redirector", "entra identity-first forms"), steps("entra sign-in"));
        AuthenticationExecutionExportRepresentation identityFirst = flow("entra identity-first forms").getAuthenticationExecutions().get(0);
        assertEquals("kcentra-identity-first", identityFirst.getAuthenticator());
        assertEquals("REQUIRED", identityFirst.getRequirement());
        assertEquals("entra", realm.getLoginTheme());
    }

    @Test
    void directGrantRefusesLinkedAccountsAndResetOffersTheLinkedAccountFactor() {
        assertEquals(List.of("direct-grant-validate-username", "direct-grant-validate-password", "kcentra-linked-account-refusal"),
                steps(realm.getDirectGrantFlow()));
        assertEquals(List.of("reset-credentials-choose-user", "kcentra-sso-reset-guard", "entra reset by linked account",
                "entra reset by email", "kcentra-clear-lockout", "reset-password"), steps(realm.getResetCredentialsFlow()));
        assertEquals(List.of("kcentra-linked-auth-allowed", "kcentra-linked-account"), steps("entra reset by linked account"));
        AuthenticationExecutionExportRepresentation negated = flow("entra reset by email").getAuthenticationExecutions().get(0);
        assertEquals("true", realm.getAuthenticatorConfig().stream().filter(c -> c.getAlias().equals(negated.getAuthenticatorConfig()))
                .findFirst().orElseThrow().getConfig().get("negate"), "email for users without a linked account that may authenticate");
        assertTrue(realm.getEnabledEventTypes().containsAll(List.of("LOGIN_ERROR", "FEDERATED_IDENTITY_LINK", "FEDERATED_IDENTITY_LINK_ERROR")),
                "refusals and links are kept as events");
    }

    @Test
    void everyMicrosoftSignInPassesTheLinkedAccountsStep() {
        IdentityProviderRepresentation entra = realm.getIdentityProviders().get(0);
        assertEquals("kcentra-linked-account-broker", steps(entra.getFirstBrokerLoginFlowAlias()).get(0));
        assertEquals(List.of("kcentra-linked-account-broker"), steps(entra.getPostBrokerLoginFlowAlias()));
    }

    @Test
    void flowsFitKeycloaksColumns() {
        for (AuthenticationFlowRepresentation flow : realm.getAuthenticationFlows()) {
            assertTrue(flow.getDescription() == null || flow.getDescription().length() <= 255, flow.getAlias() + ": description over 255");
            for (AuthenticationExecutionExportRepresentation execution : flow.getAuthenticationExecutions()) {
                assertTrue(execution.getAuthenticator() == null || execution.getAuthenticator().length() <= 36, execution.getAuthenticator());
            }
        }
    }

    private List<String> steps(String flowAlias) {
        return flow(flowAlias).getAuthenticationExecutions().stream()
                .map(e -> e.getAuthenticator() != null ? e.getAuthenticator() : e.getFlowAlias()).toList();
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
