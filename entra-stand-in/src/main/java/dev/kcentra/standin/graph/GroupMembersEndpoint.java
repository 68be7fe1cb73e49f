package dev.kcentra.standin.graph;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.directory.GroupState;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.seed.EntraUser;

import java.util.List;
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
            return GraphError.notFound(groupId).toResponse();
        }
        List<EntraUser> members = group.get().currentMemberIds().stream().sorted()
                .map(tenant::user).flatMap(Optional::stream).toList();
        return UserListPage.respond(context, request, tenant, "members:" + group.get().id(), members, true);
    }
}
