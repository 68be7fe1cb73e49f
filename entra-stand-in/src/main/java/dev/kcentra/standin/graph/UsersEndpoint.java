package dev.kcentra.standin.graph;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.directory.UserState;
import dev.kcentra.standin.http.Params;
import dev.kcentra.standin.http.Responses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code GET /v1.0/users}: the users present now, {@code $select} and {@code $top} (1-999), paged by {@code $skiptoken}. */
public final class UsersEndpoint extends GraphEndpoint {

    private static final String COLLECTION = "users-list";

    public UsersEndpoint(GraphContext context) {
        super(context, RequestMethod.GET, "/v1\\.0/users", USER_READ);
    }


    @Override
    protected ResponseDefinition handle(Request request, GraphCaller caller) {
        Params query = Params.query(request);
        TenantDirectory tenant = caller.tenant();
        int top;
        Selection selection;
        try {
            top = query.get("$top").map(Integer::parseInt).orElse(context.pageSize());
            selection = UsersDeltaEndpoint.USERS.select(query.getOrNull("$select"));
        } catch (NumberFormatException e) {
            return GraphError.badRequest("Invalid value for $top: '" + query.getOrNull("$top") + "'.").toResponse();
        } catch (IllegalArgumentException e) {
            return GraphError.badRequest(e.getMessage()).toResponse();
        }
        if (top < 1 || top > 999) {
            return GraphError.badRequest("Invalid page size specified: '" + top + "'. Must be between 1 and 999 inclusive.").toResponse();
        }
        String afterId = null;
        Optional<String> skipToken = query.get("$skiptoken");
        if (skipToken.isPresent()) {
            Optional<PageToken> token = context.tokens().decode(skipToken.get()).token()
                    .filter(t -> t.tenantId().equals(tenant.id()) && COLLECTION.equals(t.collection()));
            if (token.isEmpty()) {
                return GraphError.badRequest("Invalid $skiptoken.").toResponse();
            }
            afterId = token.get().afterId();
            selection = new Selection(token.get().select());
            top = (int) token.get().upTo();
        }
        String after = afterId;
        List<UserState> remaining = tenant.currentUsers().stream()
                .filter(u -> after == null || u.user().id().compareTo(after) > 0)
                .toList();
        Selection chosen = selection;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", context.graphBase() + "/v1.0/$metadata#users");
        if (remaining.size() > top) {
            // upTo carries the page size here: a skip token repeats the first request's $top.
            PageToken next = new PageToken(tenant.id(), tenant.generation(), COLLECTION, -1, top,
                    remaining.get(top - 1).user().id(), chosen.properties(), 0);
            body.put("@odata.nextLink", context.graphBase() + "/v1.0/users?$skiptoken=" + context.tokens().encode(next));
        }
        body.put("value", remaining.stream().limit(top).map(u -> chosen.apply(u.user().graphProperties())).toList());
        return Responses.json(200, body);
    }
}
