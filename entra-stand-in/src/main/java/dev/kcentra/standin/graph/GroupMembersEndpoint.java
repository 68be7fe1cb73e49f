package dev.kcentra.standin.graph;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.directory.GroupState;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.http.Params;
import dev.kcentra.standin.http.Responses;
import dev.kcentra.standin.seed.EntraUser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v1.0/groups/{id}/members} and {@code .../transitiveMembers}, optionally cast to users
 * ({@code /microsoft.graph.user} or {@code /graph.user}): the group's user members, {@code $select}, paged by
 * {@code $top} and {@code $skiptoken}. Stand-in groups hold users only, so both lists are the same.
 */
public final class GroupMembersEndpoint extends GraphEndpoint {

    private static final Pattern PATH = Pattern.compile("/v1\\.0/groups/([^/]+)/(?:transitiveMembers|members)(?:/(?:microsoft\\.)?graph\\.user)?");

    public GroupMembersEndpoint(GraphContext context) {
        super(context, RequestMethod.GET, PATH.pattern(), GROUP_READ);
    }

    @Override
    protected ResponseDefinition handle(Request request, GraphCaller caller) {
        Matcher matcher = PATH.matcher(path(request));
        if (!matcher.matches()) {
            return GraphError.badRequest("Unsupported members path.").toResponse();
        }
        TenantDirectory tenant = caller.tenant();
        String groupId = matcher.group(1);
        Optional<GroupState> group = tenant.group(groupId);
        if (group.isEmpty()) {
            return new GraphError(404, "Request_ResourceNotFound", "Resource '" + groupId + "' does not exist or one of its "
                    + "queried reference-property objects are not present.").toResponse();
        }
        Params query = Params.query(request);
        String collection = "members:" + group.get().id();
        int top;
        Selection selection;
        String afterId = null;
        try {
            top = query.get("$top").map(Integer::parseInt).orElse(context.pageSize());
            selection = UsersDeltaEndpoint.USERS.select(query.getOrNull("$select"));
        } catch (IllegalArgumentException e) {
            return GraphError.badRequest(e.getMessage()).toResponse();
        }
        Optional<String> skipToken = query.get("$skiptoken");
        if (skipToken.isPresent()) {
            Optional<PageToken> token = context.tokens().decode(skipToken.get()).token()
                    .filter(t -> t.tenantId().equals(tenant.id()) && collection.equals(t.collection()));
            if (token.isEmpty()) {
                return GraphError.badRequest("Invalid $skiptoken.").toResponse();
            }
            afterId = token.get().afterId();
            selection = new Selection(token.get().select());
            top = (int) token.get().upTo();
        }
        if (top < 1 || top > 999) {
            return GraphError.badRequest("Invalid page size specified: '" + top + "'. Must be between 1 and 999 inclusive.").toResponse();
        }
        String after = afterId;
        List<EntraUser> members = group.get().currentMemberIds().stream().sorted()
                .filter(id -> after == null || id.compareTo(after) > 0)
                .map(tenant::user).flatMap(Optional::stream).toList();
        List<Map<String, Object>> value = new ArrayList<>();
        for (EntraUser member : members.subList(0, Math.min(top, members.size()))) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("@odata.type", "#microsoft.graph.user");
            item.putAll(selection.apply(member.graphProperties()));
            value.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", context.graphBase() + "/v1.0/$metadata#users");
        if (members.size() > top) {
            PageToken next = new PageToken(tenant.id(), tenant.generation(), collection, -1, top, members.get(top - 1).id(), selection.properties(), 0);
            body.put("@odata.nextLink", context.graphBase() + path(request) + "?$skiptoken=" + context.tokens().encode(next));
        }
        body.put("value", value);
        return Responses.json(200, body);
    }
}
