package dev.kcentra.standin.graph;

import dev.kcentra.standin.directory.GroupState;
import dev.kcentra.standin.directory.TenantDirectory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1.0/groups/delta}: with {@code members} selected (or no {@code $select}), each group carries
 * {@code members@delta}: all members in the first round, then the added ones and the removed ones ({@code @removed}).
 */
public final class GroupsDeltaEndpoint extends DeltaEndpoint<GroupState> {

    static final Set<String> PROPERTIES = Set.of("id", "displayName", "description", "members");
    static final List<String> DEFAULTS = List.of("displayName", "description", "members");

    public GroupsDeltaEndpoint(GraphContext context) {
        super(context, new DeltaCollection("groups", "group", PROPERTIES, DEFAULTS), GROUP_READ);
    }

    @Override
    protected List<GroupState> changed(TenantDirectory tenant, long since, long upTo, String fromId, int limit) {
        return tenant.groupsChanged(since, upTo, fromId, limit);
    }

    @Override
    protected String idOf(GroupState item) {
        return item.id();
    }

    @Override
    protected Map<String, Object> render(GroupState group, Selection selection, long since) {
        if (group.isRemoved()) {
            return removed(group.id(), group.removal().reason());
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", group.id());
        all.put("displayName", group.displayName());
        all.put("description", group.description());
        Map<String, Object> rendered = selection.apply(all);
        if (selection.includes("members")) {
            List<Map<String, Object>> members = new ArrayList<>();
            for (GroupState.MemberState member : group.members()) {
                boolean inRound = since < 0 ? !member.removed() : member.version() > since;
                if (inRound) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("@odata.type", "#microsoft.graph.user");
                    entry.put("id", member.userId());
                    if (member.removed()) {
                        entry.put("@removed", Map.of("reason", "deleted"));
                    }
                    members.add(entry);
                }
            }
            rendered.put("members@delta", members);
        }
        return rendered;
    }
}
