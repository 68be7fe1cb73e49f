package dev.kcentra.signin.idp;

import org.junit.jupiter.api.Test;
import org.keycloak.broker.provider.IdentityBrokerException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntraTenantCheckTest {

    private static final String TEMPLATE = "https://login.microsoftonline.com/{tenantid}/v2.0";
    private static final String CONTOSO = "b4d2c7a1-6e3f-4a8b-9c0d-1e2f3a4b5c6d";
    private static final String FABRIKAM = "5ca1ab1e-0000-4000-8000-000000000001";
    private static final String OID = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    private static String issuer(String tenant) {
        return TEMPLATE.replace("{tenantid}", tenant);
    }

    private static EntraUserKey key(String tenant) {
        return new EntraUserKey(tenant, OID);
    }

    @Test
    void anyOrganisationChecksTheIssuerAgainstTheTokensOwnTenant() {
        EntraTenantCheck check = new EntraTenantCheck(EntraAccountType.ORGANIZATIONS, List.of(), TEMPLATE);
        assertDoesNotThrow(() -> check.verify(issuer(CONTOSO), key(CONTOSO)));
        assertDoesNotThrow(() -> check.verify(issuer(FABRIKAM), key(FABRIKAM)));
        IdentityBrokerException forged = assertThrows(IdentityBrokerException.class, () -> check.verify(issuer(CONTOSO), key(FABRIKAM)));
        assertTrue(forged.getMessage().contains("does not match its tenant"), forged.getMessage());
        assertThrows(IdentityBrokerException.class, () -> check.verify("https://evil.example/" + FABRIKAM + "/v2.0", key(FABRIKAM)));
        assertThrows(IdentityBrokerException.class, () -> check.verify(null, key(FABRIKAM)));
    }

    @Test
    void organisationsRefusePersonalAccountsAndConsumersAdmitOnlyThem() {
        String personal = EntraAccountType.CONSUMERS_TENANT_ID;
        assertThrows(IdentityBrokerException.class, () -> new EntraTenantCheck(EntraAccountType.ORGANIZATIONS, List.of(), TEMPLATE)
                .verify(issuer(personal), key(personal)));
        assertDoesNotThrow(() -> new EntraTenantCheck(EntraAccountType.COMMON, List.of(), TEMPLATE).verify(issuer(personal), key(personal)));
        assertDoesNotThrow(() -> new EntraTenantCheck(EntraAccountType.CONSUMERS, List.of(), TEMPLATE).verify(issuer(personal), key(personal)));
        assertThrows(IdentityBrokerException.class, () -> new EntraTenantCheck(EntraAccountType.CONSUMERS, List.of(), TEMPLATE)
                .verify(issuer(CONTOSO), key(CONTOSO)));
    }

    @Test
    void theAllowListNarrowsTheSharedEndpoints() {
        EntraTenantCheck check = new EntraTenantCheck(EntraAccountType.COMMON, List.of(CONTOSO), TEMPLATE);
        assertDoesNotThrow(() -> check.verify(issuer(CONTOSO), key(CONTOSO)));
        IdentityBrokerException outside = assertThrows(IdentityBrokerException.class, () -> check.verify(issuer(FABRIKAM), key(FABRIKAM)));
        assertTrue(outside.getMessage().contains("not in the provider's allowed tenants"), outside.getMessage());
    }

    @Test
    void aSingleTenantLeavesTheIssuerToKeycloaksPinButHonoursTheAllowList() {
        assertDoesNotThrow(() -> new EntraTenantCheck(EntraAccountType.SINGLE, List.of(), TEMPLATE).verify("pinned elsewhere", key(CONTOSO)));
        assertThrows(IdentityBrokerException.class, () -> new EntraTenantCheck(EntraAccountType.SINGLE, List.of(CONTOSO), TEMPLATE)
                .verify(issuer(FABRIKAM), key(FABRIKAM)));
    }

    @Test
    void accountTypesReadFromConfiguration() {
        assertTrue(EntraAccountType.fromConfig(null).orElseThrow() == EntraAccountType.SINGLE);
        assertTrue(EntraAccountType.fromConfig(" Organizations ").orElseThrow() == EntraAccountType.ORGANIZATIONS);
        assertTrue(EntraAccountType.fromConfig("everyone").isEmpty());
    }
}
