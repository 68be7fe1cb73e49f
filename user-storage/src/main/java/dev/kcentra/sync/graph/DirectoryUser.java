package dev.kcentra.sync.graph;

/**
 * A user as one delta page reported it, every selected property with its value: null when Graph sent null (the
 * property was cleared) and when Graph left it out (it was never set). Without {@code Prefer: return=minimal}, which
 * the sync never sends, that is what the two mean: "If the property has changed, the new value is included in the
 * response. This includes properties being set to null value. If the property has not changed, the old value is
 * included in the response. If the property has never been set before it will not be included in the response at
 * all" (https://learn.microsoft.com/en-us/graph/api/user-delta?view=graph-rest-1.0, "Properties"). So a null always
 * clears.
 * {@code removedReason} is set for {@code @removed} entries ({@code changed}: soft-deleted, {@code deleted}: gone
 * for good), which carry nothing but the id.
 */
public record DirectoryUser(String id, String userPrincipalName, String mail, String mobilePhone, String displayName,
                            String givenName, String surname, Boolean accountEnabled, String userType,
                            String onPremisesImmutableId, String removedReason) {

    public static final String REMOVED_CHANGED = "changed";
    public static final String REMOVED_DELETED = "deleted";

    public boolean isRemoved() {
        return removedReason != null;
    }

    public boolean isGuest() {
        return "Guest".equalsIgnoreCase(userType);
    }
}
