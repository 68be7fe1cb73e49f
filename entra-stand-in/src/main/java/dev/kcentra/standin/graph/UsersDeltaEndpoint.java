package dev.kcentra.standin.graph;

import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.directory.UserState;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /v1.0/users/delta}. */
public final class UsersDeltaEndpoint extends DeltaEndpoint<UserState> {

    static final Set<String> PROPERTIES = Set.of("id", "userPrincipalName", "mail", "mobilePhone", "displayName",
            "givenName", "surname", "accountEnabled", "userType", "onPremisesImmutableId");
    /** Graph's default user properties, as far as the stand-in models them. */
    static final List<String> DEFAULTS = List.of("displayName", "givenName", "mail", "mobilePhone", "surname", "userPrincipalName");

    static final DeltaCollection USERS = new DeltaCollection("users", "user", PROPERTIES, DEFAULTS);

    public UsersDeltaEndpoint(GraphContext context) {
        super(context, USERS, USER_READ);
    }

    @Override
    protected List<UserState> changed(TenantDirectory tenant, long since, long upTo, String fromId, int limit) {
        return tenant.usersChanged(since, upTo, fromId, limit);
    }

    @Override
    protected String idOf(UserState item) {
        return item.user().id();
    }

    @Override
    protected Map<String, Object> render(UserState item, Selection selection, long since, boolean minimal) {
        if (item.isRemoved()) {
            return removed(item.user().id(), item.removal().reason());
        }
        return changedObject(item.user().graphProperties(), item.changedAt(), selection, since, minimal);
    }
}
