package dev.kcentra.standin.directory;

import dev.kcentra.standin.seed.EntraUser;

/** A user at the tenant version it last changed; {@code removal} is set once the user is deleted. */
public record UserState(EntraUser user, long version, Removal removal) {

    public boolean isRemoved() {
        return removal != null;
    }
}
