package dev.kcentra.signin.idp;

import org.keycloak.broker.provider.IdentityBrokerException;

import java.util.List;

/**
 * Whether a Microsoft ID token comes from a tenant the provider admits. For a single tenant Keycloak's own issuer
 * pin does the work; on the shared endpoints Microsoft's guidance applies: {@code iss} must be the issuer template
 * filled with the token's own {@code tid}, and the tenant must be one the account type and the allow-list admit.
 */
final class EntraTenantCheck {

    private final EntraAccountType accountType;
    private final List<String> allowedTenants;
    private final String issuerTemplate;

    EntraTenantCheck(EntraAccountType accountType, List<String> allowedTenants, String issuerTemplate) {
        this.accountType = accountType;
        this.allowedTenants = List.copyOf(allowedTenants);
        this.issuerTemplate = issuerTemplate;
    }

    static EntraTenantCheck of(EntraIdentityProviderConfig config) {
        return new EntraTenantCheck(config.getAccountType(), config.getAllowedTenants(), config.getIssuerTemplate());
    }

    /** @throws IdentityBrokerException naming what did not match, for the server log; the user sees the login error page */
    void verify(String issuer, EntraUserKey key) {
        String tenant = key.tenantId();
        if (accountType.multiTenant()) {
            String expected = issuerTemplate.replace(EntraIdentityProviderConfig.TENANT_PLACEHOLDER, tenant);
            if (!expected.equals(issuer)) {
                throw new IdentityBrokerException("Microsoft token issuer " + issuer + " does not match its tenant " + tenant
                        + " (expected " + expected + ")");
            }
        }
        if (!accountType.admits(tenant)) {
            throw new IdentityBrokerException("Tenant " + tenant + " is not admitted by account types " + accountType.configValue());
        }
        if (!allowedTenants.isEmpty() && !allowedTenants.contains(tenant)) {
            throw new IdentityBrokerException("Tenant " + tenant + " is not in the provider's allowed tenants");
        }
    }
}
