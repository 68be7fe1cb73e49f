package dev.kcentra.standin.graph;

import dev.kcentra.standin.directory.GroupState;
import dev.kcentra.standin.directory.TenantDirectory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1.0/groups/delta}: with {@code members} selected (or no {@code $select}), each group carries
 * {@code members@delta}: all members in the first round, then the added ones and the removed ones ({@code @removed}).
 * A group with more members in a round than the seed's {@code membersPerGroupCopy} comes as several copies of the
 * same object, each with a share of the members, which clients merge
 * (https://learn.microsoft.com/en-us/graph/api/group-delta?view=graph-rest-1.0, "members@delta" may be split; see
 * also delta-query-groups). The copies follow each other in the round and may straddle pages.
 */
public final class GroupsDeltaEndpoint extends DeltaEndpoint<GroupsDeltaEndpoint.GroupCopy> {

    static final Set<String> PROPERTIES = Set.of("id", "displayName", "description", "members");
    static final List<String> DEFAULTS = List.of("displayName", "description", "members");
    /** Sorts below every character of an object id, so copy keys keep the groups' id order. */
    private static final char COPY_SEPARATOR = ' ';

    public GroupsDeltaEndpoint(GraphContext context) {
        super(context, new DeltaCollection("groups", "group", PROPERTIES, DEFAULTS), GROUP_READ);
    }

    /** One copy of a group in a round: its {@code members} are the copy's share of the round's member changes. */
    record GroupCopy(GroupState group, int copy, List<GroupState.MemberState> members) {

        String key() {
            return group.id() + COPY_SEPARATOR + String.format(Locale.ROOT, "%05d", copy);
        }
    }

    @Override
    protected List<GroupCopy> changed(TenantDirectory tenant, long since, long upTo, String fromKey, int limit) {
        String fromGroup = fromKey == null ? null : fromKey.substring(0, Math.max(0, fromKey.indexOf(COPY_SEPARATOR)));
        List<GroupCopy> copies = new ArrayList<>();
        for (GroupState group : tenant.groupsChanged(since, upTo, fromGroup == null || fromGroup.isEmpty() ? null : fromGroup, limit)) {
            for (GroupCopy copy : copies(group, since)) {
                if (fromKey == null || copy.key().compareTo(fromKey) >= 0) {
                    copies.add(copy);
                    if (copies.size() >= limit) {
                        return copies;
                    }
                }
            }
        }
        return copies;
    }

    private List<GroupCopy> copies(GroupState group, long since) {
        if (group.isRemoved()) {
            return List.of(new GroupCopy(group, 0, List.of()));
        }
        List<GroupState.MemberState> inRound = group.members().stream()
                .filter(member -> since < 0 ? !member.removed() : member.version() > since)
                .toList();
        int share = context.settings().membersPerGroupCopy();
        List<GroupCopy> copies = new ArrayList<>();
        for (int from = 0, copy = 0; from < inRound.size() || copy == 0; from += share, copy++) {
            copies.add(new GroupCopy(group, copy, inRound.subList(Math.min(from, inRound.size()), Math.min(inRound.size(), from + share))));
        }
        return copies;
    }

    @Override
    protected String idOf(GroupCopy item) {
        return item.key();
    }

    @Override
    protected Map<String, Object> render(GroupCopy copy, Selection selection, long since, boolean minimal) {
        GroupState group = copy.group();
        if (group.isRemoved()) {
            return removed(group.id(), group.removal().reason());
        }
        Map<String, Object> rendered = changedObject(group.graphProperties(), group.changedAt(), selection, since, minimal);
        if (selection.includes("members")) {
            List<Map<String, Object>> members = new ArrayList<>();
            for (GroupState.MemberState member : copy.members()) {
                Map<String, Object> entry = new java.util.LinkedHashMap<>();
                entry.put("@odata.type", "#microsoft.graph.user");
                entry.put("id", member.userId());
                if (member.removed()) {
                    entry.put("@removed", Map.of("reason", "deleted"));
                }
                members.add(entry);
            }
            rendered.put("members@delta", members);
        }
        return rendered;
    }
}
