package dev.kcentra.standin.directory;

import dev.kcentra.standin.seed.EntraUser;

import java.util.Map;

/**
 * A user at the tenant version it last changed; {@code removal} is set once the user is deleted. {@code changedAt}
 * holds, for each Graph property that was ever set, the version at which its value last changed: a property missing
 * from it was never set, which Graph's delta answers by leaving it out (see {@link PropertyVersions}).
 */
public record UserState(EntraUser user, long version, Removal removal, Map<String, Long> changedAt) {

    public UserState {
        changedAt = Map.copyOf(changedAt);
    }

    public boolean isRemoved() {
        return removal != null;
    }
}
