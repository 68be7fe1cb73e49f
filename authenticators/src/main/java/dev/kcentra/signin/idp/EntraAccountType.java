package dev.kcentra.signin.idp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may sign in through the provider, as the app registration's "supported account types" (seed 003): the
 * tenant's own accounts, any organisation's, any organisation's and personal Microsoft accounts, or personal only.
 */
public enum EntraAccountType {
    SINGLE("single"),
    ORGANIZATIONS("organizations"),
    COMMON("common"),
    CONSUMERS("consumers");

    /** The tenant id Microsoft puts in {@code tid} for personal Microsoft accounts. */
    public static final String CONSUMERS_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

    private final String configValue;

    EntraAccountType(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    public boolean multiTenant() {
        return this != SINGLE;
    }

    /** Whether a token's tenant is one this audience admits (before any allowed-tenants list). */
    public boolean admits(String tenantId) {
        boolean personal = CONSUMERS_TENANT_ID.equals(tenantId);
        return switch (this) {
            case SINGLE, COMMON -> true;
            case ORGANIZATIONS -> !personal;
            case CONSUMERS -> personal;
        };
    }

    public static Optional<EntraAccountType> fromConfig(String value) {
        String wanted = value == null || value.isBlank() ? SINGLE.configValue : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.configValue.equals(wanted)).findFirst();
    }
}
