package dev.kcentra.standin.graph;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.http.Endpoint;
import dev.kcentra.standin.http.Params;
import dev.kcentra.standin.http.Responses;
import dev.kcentra.standin.seed.EntraUser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a plain (not delta) list of users, as {@code /users} and a group's members are served: {@code $select},
 * {@code $top} (1-999, default the seed's page size) and {@code @odata.nextLink} with a {@code $skiptoken} that keeps
 * the first request's {@code $top} and {@code $select}.
 */
final class UserListPage {

    private UserListPage() {
    }

    /**
     * @param collection names the list inside skip tokens, so a token of one list is refused by another
     * @param users the whole list, in object id order
     * @param typed whether each item carries {@code @odata.type}, as directory-object collections do
     */
    static ResponseDefinition respond(GraphContext context, Request request, TenantDirectory tenant, String collection,
                                      List<EntraUser> users, boolean typed) {
        Params query = Params.query(request);
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
                    .filter(t -> t.tenantId().equals(tenant.id()) && collection.equals(t.collection()));
            if (token.isEmpty()) {
                return GraphError.badRequest("Invalid $skiptoken.").toResponse();
            }
            afterId = token.get().afterId();
            selection = new Selection(token.get().select());
            // upTo carries the page size in list tokens: a skip token repeats the first request's $top.
            top = (int) token.get().upTo();
        }
        String after = afterId;
        List<EntraUser> remaining = users.stream().filter(u -> after == null || u.id().compareTo(after) > 0).toList();
        Selection chosen = selection;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", context.graphBase() + "/v1.0/$metadata#users");
        if (remaining.size() > top) {
            PageToken next = new PageToken(tenant.id(), tenant.generation(), collection, -1, top, remaining.get(top - 1).id(),
                    chosen.properties(), 0);
            body.put("@odata.nextLink", context.graphBase() + Endpoint.path(request) + "?$skiptoken=" + context.tokens().encode(next));
        }
        if (query.get("$count").filter("true"::equalsIgnoreCase).isPresent()) {
            body.put("@odata.count", users.size());
        }
        body.put("value", remaining.stream().limit(top).map(user -> {
            Map<String, Object> item = new LinkedHashMap<>();
            if (typed) {
                item.put("@odata.type", "#microsoft.graph.user");
            }
            item.putAll(chosen.apply(user.graphProperties()));
            return item;
        }).toList());
        return Responses.json(200, body);
    }
}
