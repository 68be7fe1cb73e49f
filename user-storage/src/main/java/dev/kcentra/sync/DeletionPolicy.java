package dev.kcentra.sync;

/** What happens to a synced user that Entra deleted for good (or that a full sync no longer finds). */
public enum DeletionPolicy {
    /** Disable the Keycloak user and end its sessions. */
    DISABLE("disable"),
    /** Disable now, delete once the user has been gone for the configured number of days. */
    DELETE_AFTER("delete-after"),
    /** Leave the Keycloak user as it is. */
    KEEP("keep");

    private final String configValue;

    DeletionPolicy(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    public static DeletionPolicy fromConfig(String value) {
        for (DeletionPolicy policy : values()) {
            if (policy.configValue.equals(value)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown deletion policy '" + value + "'");
    }
}
