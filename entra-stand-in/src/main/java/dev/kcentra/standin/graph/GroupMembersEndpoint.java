package dev.kcentra.standin.graph;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.directory.GroupState;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.http.Params;
import dev.kcentra.standin.seed.EntraUser;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v1.0/groups/{id}/members} and {@code .../transitiveMembers}, optionally cast to users
 * ({@code /microsoft.graph.user} or {@code /graph.user}): the group's user members, {@code $select}, paged by
 * {@code $top} and {@code $skiptoken}. Stand-in groups hold users only, so both lists are the same. An OData cast
 * combined with other query options is an advanced query: without {@code ConsistencyLevel: eventual} and
 * {@code $count=true} Graph refuses it (https://learn.microsoft.com/en-us/graph/aad-advanced-queries, and the
 * request example of https://learn.microsoft.com/en-us/graph/api/group-list-transitivemembers?view=graph-rest-1.0).
 */
public final class GroupMembersEndpoint extends GraphEndpoint {

    private static final Pattern PATH = Pattern.compile("/v1\\.0/groups/([^/]+)/(?:transitiveMembers|members)(/(?:microsoft\\.)?graph\\.user)?");
    /** Query options that, combined with an OData cast, make the request an advanced query. */
    private static final List<String> WITH_CAST_ADVANCED = List.of("$select", "$top", "$filter", "$orderby", "$search", "$count", "$expand");

    public GroupMembersEndpoint(GraphContext context) {
        super(context, RequestMethod.GET, PATH.pattern(), GROUP_READ);
    }

    private static boolean isAdvancedQuery(Request request, Params query) {
        return "eventual".equalsIgnoreCase(String.valueOf(request.getHeader("ConsistencyLevel")).trim())
                && query.get("$count").filter("true"::equalsIgnoreCase).isPresent();
    }

    @Override
    protected ResponseDefinition handle(Request request, GraphCaller caller) {
        Matcher matcher = PATH.matcher(path(request));
        if (!matcher.matches()) {
            return GraphError.badRequest("Unsupported members path.").toResponse();
        }
        Params query = Params.query(request);
        if (matcher.group(2) != null && query.get("$skiptoken").isEmpty() && !isAdvancedQuery(request, query)
                && WITH_CAST_ADVANCED.stream().anyMatch(option -> query.get(option).isPresent())) {
            return AdvancedQuery.unsupported().toResponse();
        }
        TenantDirectory tenant = caller.tenant();
        String groupId = matcher.group(1);
        Optional<GroupState> group = tenant.group(groupId);
        if (group.isEmpty()) {
            return GraphError.notFound(groupId).toResponse();
        }
        List<EntraUser> members = group.get().currentMemberIds().stream().sorted()
                .map(tenant::user).flatMap(Optional::stream).toList();
        return UserListPage.respond(context, request, tenant, "members:" + group.get().id(), members, true);
    }
}
