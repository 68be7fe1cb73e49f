package dev.kcentra.sync.graph;

import java.util.Set;

/**
 * A user as one delta page reported it. Graph sends only changed properties for updates, so {@code present} says
 * which properties this page carried; absent ones must be left as they are. {@code removedReason} is set for
 * {@code @removed} entries ({@code changed}: soft-deleted, {@code deleted}: gone for good).
 */
public record DirectoryUser(String id, String userPrincipalName, String mail, String mobilePhone, String displayName,
                            String givenName, String surname, Boolean accountEnabled, String userType,
                            String onPremisesImmutableId, Set<String> present, String removedReason) {

    public static final String REMOVED_CHANGED = "changed";
    public static final String REMOVED_DELETED = "deleted";

    public DirectoryUser {
        present = Set.copyOf(present);
    }

    public boolean isRemoved() {
        return removedReason != null;
    }

    public boolean has(String property) {
        return present.contains(property);
    }

    public boolean isGuest() {
        return "Guest".equalsIgnoreCase(userType);
    }
}
