package dev.kcentra.standin.directory;

import dev.kcentra.standin.seed.EntraApplication;
import dev.kcentra.standin.seed.EntraUser;
import dev.kcentra.standin.seed.Seed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** All tenants of the stand-in, found by tenant id or by one of their verified domains, as Entra resolves them. */
public final class Directory {

    private final Map<String, TenantDirectory> tenants = new LinkedHashMap<>();

    public Directory(Seed seed) {
        seed.tenants().forEach(t -> tenants.put(t.id(), new TenantDirectory(t)));
    }

    public List<TenantDirectory> tenants() {
        return List.copyOf(tenants.values());
    }

    public Optional<TenantDirectory> tenant(String idOrDomain) {
        if (idOrDomain == null) {
            return Optional.empty();
        }
        String key = idOrDomain.toLowerCase(Locale.ROOT);
        TenantDirectory byId = tenants.get(key);
        if (byId != null) {
            return Optional.of(byId);
        }
        return tenants.values().stream().filter(t -> t.domains().contains(key)).findFirst();
    }

    /** The tenant whose service principal has this client id. */
    public Optional<TenantDirectory> tenantOfApplication(String clientId) {
        return tenants.values().stream().filter(t -> t.application(clientId).isPresent()).findFirst();
    }

    public Optional<EntraApplication> application(String clientId) {
        return tenantOfApplication(clientId).flatMap(t -> t.application(clientId));
    }

    /** The tenant an account lives in, found by its sign-in name across all tenants. */
    public Optional<Account> account(String userPrincipalName) {
        for (TenantDirectory tenant : tenants.values()) {
            Optional<EntraUser> user = tenant.userByPrincipalName(userPrincipalName);
            if (user.isPresent()) {
                return Optional.of(new Account(tenant, user.get()));
            }
        }
        return Optional.empty();
    }

    public record Account(TenantDirectory tenant, EntraUser user) {
    }
}
