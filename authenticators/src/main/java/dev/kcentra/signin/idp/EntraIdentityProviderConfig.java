package dev.kcentra.signin.idp;

import dev.kcentra.sync.EntraCloud;
import dev.kcentra.sync.EntraSyncConfig;
import dev.kcentra.sync.sso.SsoPolicy;
import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Keycloak's OIDC provider settings plus Entra's: the account type, the tenants admitted on the shared endpoints,
 * the issuer template Microsoft publishes for them, and an optional {@code domain_hint}.
 */
public class EntraIdentityProviderConfig extends OIDCIdentityProviderConfig {

    public static final String ACCOUNT_TYPE = "entraAccountType";
    public static final String ALLOWED_TENANTS = "entraAllowedTenants";
    public static final String ISSUER_TEMPLATE = "entraIssuerTemplate";
    public static final String DOMAIN_HINT = "entraDomainHint";
    /** The same values as the Entra ID connection's Cloud setting ({@link EntraCloud}). */
    public static final String CLOUD = "entraCloud";
    public static final String TENANT_PLACEHOLDER = "{tenantid}";
    static final String DEFAULT_ISSUER_TEMPLATE = "https://login.microsoftonline.com/{tenantid}/v2.0";

    static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(ACCOUNT_TYPE).label("Account types")
            .helpText("single: this tenant only (tenant endpoints, Issuer pinned). organizations: any organisation "
                    + "(endpoints under /organizations). common: organisations and personal Microsoft accounts. "
                    + "consumers: personal Microsoft accounts only. The shared endpoints leave Issuer empty: each "
                    + "token's iss is checked against the issuer template with its own tid.")
            .type(ProviderConfigProperty.LIST_TYPE)
            .options(Arrays.stream(EntraAccountType.values()).map(EntraAccountType::configValue).toList())
            .defaultValue(EntraAccountType.SINGLE.configValue()).add()
            .property().name(ALLOWED_TENANTS).label("Allowed tenants")
            .helpText("Tenant IDs (GUIDs) admitted with organizations or common. Empty: every tenant the account type admits.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name(CLOUD).label("Cloud")
            .helpText("Microsoft's cloud, as for the Entra ID connection: global (login.microsoftonline.com), "
                    + "us-government and us-government-dod (login.microsoftonline.us), china "
                    + "(login.partner.microsoftonline.cn). The endpoints and Issuer must be that cloud's; custom checks "
                    + "nothing (a proxy or the stand-in).")
            .type(ProviderConfigProperty.LIST_TYPE)
            .options(Arrays.stream(EntraCloud.values()).map(EntraCloud::configValue).toList())
            .defaultValue(EntraCloud.GLOBAL.configValue()).add()
            .property().name(ISSUER_TEMPLATE).label("Issuer template")
            .helpText("The issuer of the shared endpoints' discovery document, with {tenantid}. Empty: the cloud's, "
                    + "like https://login.microsoftonline.com/{tenantid}/v2.0.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(DOMAIN_HINT).label("Domain hint")
            .helpText("Sent to Microsoft as domain_hint, like contoso.com: users of a federated domain skip Microsoft's "
                    + "account picker. Empty: not sent.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    public EntraIdentityProviderConfig(IdentityProviderModel model) {
        super(model);
    }

    public EntraIdentityProviderConfig() {
    }

    public EntraAccountType getAccountType() {
        return EntraAccountType.fromConfig(getConfig().get(ACCOUNT_TYPE)).orElse(EntraAccountType.SINGLE);
    }

    /** Lower-case tenant ids; empty when every tenant of the account type is admitted. */
    public List<String> getAllowedTenants() {
        String value = getConfig().get(ALLOWED_TENANTS);
        return value == null ? List.of() : Arrays.stream(value.split("[,\\s]+|##"))
                .filter(v -> !v.isBlank()).map(v -> v.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    public EntraCloud getCloud() {
        String value = getConfig().get(CLOUD);
        return value == null || value.isBlank() ? EntraCloud.GLOBAL : EntraCloud.fromConfig(value.trim());
    }

    /** Configured, else the cloud's {@code https://<sign-in host>/{tenantid}/v2.0} (global's for a custom cloud). */
    public String getIssuerTemplate() {
        String value = getConfig().get(ISSUER_TEMPLATE);
        if (value != null && !value.isBlank()) {
            return value.trim();
        }
        String host = getCloud().signInAuthority();
        return host == null ? DEFAULT_ISSUER_TEMPLATE : host + "/" + TENANT_PLACEHOLDER + "/v2.0";
    }

    /** Microsoft always asks for openid, profile and email on this provider, whatever else is configured. */
    @Override
    public String getDefaultScope() {
        return EntraScopes.withRequired(super.getDefaultScope());
    }

    public String getDomainHint() {
        String value = getConfig().get(DOMAIN_HINT);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The personal-account tenant's one issuer, as the consumers discovery document announces it. */
    public String consumersIssuer() {
        return getIssuerTemplate().replace(TENANT_PLACEHOLDER, EntraAccountType.CONSUMERS_TENANT_ID);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value.trim();
    }

    /** Refuses, when an admin saves the provider, settings that would admit the wrong accounts or none. */
    @Override
    public void validate(RealmModel realm) {
        super.validate(realm);
        EntraAccountType type = EntraAccountType.fromConfig(getConfig().get(ACCOUNT_TYPE)).orElseThrow(() ->
                new IllegalArgumentException("Account types must be one of single, organizations, common, consumers."));
        EntraScopes.checkConfigured(getConfig().get("defaultScope"));
        EntraCloud cloud;
        try {
            cloud = getCloud();
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("Cloud must be one of global, us-government, us-government-dod, china, custom.");
        }
        // Only a chosen cloud binds the URLs (providers saved before this setting, and the stand-in's, have none),
        // the provider's own or the national cloud of the Entra ID connection that sends users here.
        boolean chosen = getConfig().get(CLOUD) != null && !getConfig().get(CLOUD).isBlank();
        EntraCloud connectionCloud = realm == null ? null : SsoPolicy.connectionOf(realm).map(EntraSyncConfig::from)
                .filter(connection -> getAlias() != null && getAlias().equals(connection.identityProviderAlias()))
                .map(EntraSyncConfig::cloud).orElse(null);
        EntraCloudHosts.check(EntraCloudHosts.bindingCloud(chosen ? cloud : null, connectionCloud), Map.of("Authorization URL", nonNull(getAuthorizationUrl()), "Token URL",
                nonNull(getTokenUrl()), "JWKS URL", nonNull(getJwksUrl()), "Issuer", nonNull(getIssuer()),
                "Issuer template", getIssuerTemplate()));
        boolean pinned = getIssuer() != null && !getIssuer().isBlank();
        if (type == EntraAccountType.CONSUMERS && pinned && getIssuer().trim().equals(consumersIssuer())) {
            return;
        }
        if (!type.multiTenant() && !pinned) {
            throw new IllegalArgumentException("A single-tenant provider needs the Issuer of its tenant, like "
                    + "https://login.microsoftonline.com/<tenant id>/v2.0.");
        }
        if (type.multiTenant() && pinned) {
            throw new IllegalArgumentException("With account types " + type.configValue() + " leave Issuer empty: "
                    + "tokens come from many tenants and are checked against the issuer template"
                    + (type == EntraAccountType.CONSUMERS ? " (or set the fixed " + consumersIssuer() + ")." : "."));
        }
        if (type.multiTenant() && !getIssuerTemplate().contains(TENANT_PLACEHOLDER)) {
            throw new IllegalArgumentException("The issuer template must contain " + TENANT_PLACEHOLDER + ".");
        }
        for (String tenant : getAllowedTenants()) {
            try {
                UUID.fromString(tenant);
            } catch (IllegalArgumentException notGuid) {
                throw new IllegalArgumentException("Allowed tenants: '" + tenant + "' is not a tenant ID (GUID).");
            }
        }
    }
}
