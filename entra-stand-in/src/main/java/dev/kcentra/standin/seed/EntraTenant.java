package dev.kcentra.standin.seed;

import java.util.List;

/**
 * A tenant as seeded. The id {@value #CONSUMERS_TENANT_ID} is Microsoft's tenant of personal accounts: its users are
 * the ones {@code /consumers} and {@code /common} accept and {@code /organizations} refuses.
 */
public record EntraTenant(String id, String displayName, List<String> domains, List<EntraApplication> applications,
                          List<EntraUser> users, List<EntraGroup> groups) {

    public static final String CONSUMERS_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

    public EntraTenant {
        domains = List.copyOf(domains);
        applications = List.copyOf(applications);
        users = List.copyOf(users);
        groups = List.copyOf(groups);
    }

    public boolean isConsumers() {
        return CONSUMERS_TENANT_ID.equals(id);
    }
}
