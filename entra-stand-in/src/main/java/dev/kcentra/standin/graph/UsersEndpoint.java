package dev.kcentra.standin.graph;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.directory.UserState;

/** {@code GET /v1.0/users}: the users present now, {@code $select} and {@code $top} (1-999), paged by {@code $skiptoken}. */
public final class UsersEndpoint extends GraphEndpoint {

    private static final String COLLECTION = "users-list";

    public UsersEndpoint(GraphContext context) {
        super(context, RequestMethod.GET, "/v1\\.0/users", USER_READ);
    }

    @Override
    protected ResponseDefinition handle(Request request, GraphCaller caller) {
        TenantDirectory tenant = caller.tenant();
        return UserListPage.respond(context, request, tenant, COLLECTION,
                tenant.currentUsers().stream().map(UserState::user).toList(), false);
    }
}
