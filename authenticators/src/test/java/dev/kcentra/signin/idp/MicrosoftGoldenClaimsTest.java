package dev.kcentra.signin.idp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.models.IdentityProviderModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider's claim reading and issuer checks on Microsoft's documented ID token claims and discovery documents. */
class MicrosoftGoldenClaimsTest {

    private static final Map<String, Object> ID_TOKEN = MicrosoftGolden.json("id-token-claims.json");

    @Test
    void theUserKeyIsTheDocumentedTenantAndObjectId() {
        EntraUserKey key = EntraUserKey.fromClaims(ID_TOKEN);
        assertEquals("b9419818-09af-49c2-b0c3-653adc1f376e:00000000-0000-0000-66f3-3332eca7ea81", key.value());
    }

    @Test
    void aTokenWithoutProfileScopeHasNoOidAndNamesTheCauseOnTheThemedPage() {
        Map<String, Object> withoutProfile = new HashMap<>(ID_TOKEN);
        withoutProfile.keySet().removeAll(List.of("oid", "preferred_username", "name"));
        IdentityBrokerException refused = assertThrows(IdentityBrokerException.class, () -> EntraUserKey.fromClaims(withoutProfile));
        assertEquals(EntraUserKey.NO_OBJECT_ID_MESSAGE, refused.getMessageCode());
        assertTrue(refused.getMessage().contains("profile"), refused.getMessage());
    }

    @Test
    void theEmailIsVerifiedOnlyWithXmsEdovTrueForTheTokensOwnEmail() {
        assertTrue(EntraEmailTrust.verified(ID_TOKEN, "abeli@microsoft.com"));
        assertFalse(EntraEmailTrust.verified(ID_TOKEN, "someone.else@microsoft.com"));
        Map<String, Object> withoutClaim = new HashMap<>(ID_TOKEN);
        withoutClaim.remove("xms_edov");
        assertFalse(EntraEmailTrust.verified(withoutClaim, "AbeLi@microsoft.com"), "email alone is not verified");
        withoutClaim.put("xms_edov", false);
        assertFalse(EntraEmailTrust.verified(withoutClaim, "AbeLi@microsoft.com"));
        Map<String, Object> withoutEmail = new HashMap<>(ID_TOKEN);
        withoutEmail.remove("email");
        assertFalse(EntraEmailTrust.verified(withoutEmail, "AbeLi@microsoft.com"), "email is optional and may be absent");
    }

    @Test
    void withoutXmsEdovASyncedTenantsVerifiedDomainsDecide() {
        Map<String, Object> withoutClaim = new HashMap<>(ID_TOKEN);
        withoutClaim.remove("xms_edov");
        assertTrue(EntraEmailTrust.verified(withoutClaim, "AbeLi@microsoft.com", () -> java.util.Set.of("microsoft.com")));
        assertFalse(EntraEmailTrust.verified(withoutClaim, "AbeLi@microsoft.com", () -> java.util.Set.of("contoso.com")));
        withoutClaim.put("xms_edov", false);
        assertFalse(EntraEmailTrust.verified(withoutClaim, "AbeLi@microsoft.com", () -> java.util.Set.of("microsoft.com")),
                "Microsoft's own word that the domain is not verified counts first");
        assertTrue(EntraEmailTrust.verified(ID_TOKEN, "abeli@microsoft.com", () -> {
            throw new AssertionError("xms_edov present: Graph is not asked");
        }));
    }

    @Test
    void theDocumentedTokenPassesTheSingleTenantAndSharedEndpointChecks() {
        EntraUserKey key = EntraUserKey.fromClaims(ID_TOKEN);
        String issuer = (String) ID_TOKEN.get("iss");
        String template = (String) MicrosoftGolden.json("openid-configuration-global-organizations.json").get("issuer");
        assertDoesNotThrow(() -> new EntraTenantCheck(EntraAccountType.ORGANIZATIONS, List.of(), template).verify(issuer, key));
        assertThrows(IdentityBrokerException.class, () -> new EntraTenantCheck(EntraAccountType.CONSUMERS, List.of(), template).verify(issuer, key));
    }

    @ParameterizedTest
    @CsvSource({"global", "us-government", "china"})
    void eachCloudsIssuersAreTheOnesItsDiscoveryDocumentsAnnounce(String cloud) {
        EntraIdentityProviderConfig config = config(Map.of(EntraIdentityProviderConfig.CLOUD, cloud));
        for (String shared : List.of("common", "organizations")) {
            Map<String, Object> discovery = MicrosoftGolden.json("openid-configuration-" + cloud + "-" + shared + ".json");
            assertEquals(discovery.get("issuer"), config.getIssuerTemplate(), cloud + " " + shared);
            assertDoesNotThrow(() -> EntraCloudHosts.check(config.getCloud(), Map.of(
                    "Authorization URL", (String) discovery.get("authorization_endpoint"),
                    "Token URL", (String) discovery.get("token_endpoint"),
                    "JWKS URL", (String) discovery.get("jwks_uri"))));
        }
        Map<String, Object> consumers = MicrosoftGolden.json("openid-configuration-" + cloud + "-consumers.json");
        assertEquals(consumers.get("issuer"), config.consumersIssuer(), "the fixed personal-account issuer");
    }

    @Test
    void aNationalCloudsProviderRefusesAnotherCloudsEndpoints() {
        Map<String, Object> global = MicrosoftGolden.json("openid-configuration-global-common.json");
        EntraIdentityProviderConfig usGov = config(Map.of(EntraIdentityProviderConfig.CLOUD, "us-government"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> EntraCloudHosts.check(usGov.getCloud(),
                Map.of("Token URL", (String) global.get("token_endpoint"))));
        assertTrue(refused.getMessage().contains("https://login.microsoftonline.us"), refused.getMessage());
    }

    @Test
    void everySignInAsksForOpenidProfileAndEmail() {
        assertEquals("openid profile email", config(Map.of()).getDefaultScope());
        assertEquals("openid profile email offline_access", config(Map.of("defaultScope", "openid offline_access")).getDefaultScope());
        assertThrows(IllegalArgumentException.class, () -> EntraScopes.checkConfigured("openid email"));
        assertDoesNotThrow(() -> EntraScopes.checkConfigured("openid profile"));
        assertDoesNotThrow(() -> EntraScopes.checkConfigured(""));
    }

    private static EntraIdentityProviderConfig config(Map<String, String> settings) {
        IdentityProviderModel model = new IdentityProviderModel();
        model.setConfig(new HashMap<>(settings));
        return new EntraIdentityProviderConfig(model);
    }
}
