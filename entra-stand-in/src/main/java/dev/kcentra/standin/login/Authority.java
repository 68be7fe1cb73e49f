package dev.kcentra.standin.login;

import dev.kcentra.standin.directory.Directory;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.seed.EntraTenant;

import java.util.Optional;

/**
 * The tenant segment of a login URL: a tenant (by id or verified domain), or one of Microsoft's multi-tenant
 * authorities. {@code common} accepts work, school and personal accounts, {@code organizations} only work and school
 * accounts, {@code consumers} only personal (Microsoft account) users.
 */
public record Authority(String segment, Kind kind, TenantDirectory tenant) {

    public enum Kind { TENANT, COMMON, ORGANIZATIONS, CONSUMERS }

    public static Optional<Authority> resolve(String segment, Directory directory) {
        return switch (segment) {
            case "common" -> Optional.of(new Authority(segment, Kind.COMMON, null));
            case "organizations" -> Optional.of(new Authority(segment, Kind.ORGANIZATIONS, null));
            case "consumers" -> Optional.of(new Authority(segment, Kind.CONSUMERS, null));
            default -> directory.tenant(segment).map(t -> new Authority(segment, Kind.TENANT, t));
        };
    }

    /** The path segment endpoints of this authority use: the tenant id for a tenant, else the keyword. */
    public String endpointSegment() {
        return kind == Kind.TENANT ? tenant.id() : segment;
    }

    /**
     * The issuer its discovery document announces: the tenant's, a {@code {tenantid}} template for {@code common} and
     * {@code organizations}, and for {@code consumers} the fixed issuer of the personal-account tenant
     * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc, "Find your app's OpenID
     * configuration document URI"; https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference, {@code iss}).
     */
    public String issuerTemplate(String issuerBase) {
        String tenantSegment = switch (kind) {
            case TENANT -> tenant.id();
            case CONSUMERS -> EntraTenant.CONSUMERS_TENANT_ID;
            case COMMON, ORGANIZATIONS -> "{tenantid}";
        };
        return issuerBase + "/" + tenantSegment + "/v2.0";
    }

    public boolean admits(TenantDirectory home) {
        return switch (kind) {
            case TENANT -> home.id().equals(tenant.id());
            case COMMON -> true;
            case ORGANIZATIONS -> !home.isConsumers();
            case CONSUMERS -> home.isConsumers();
        };
    }
}
