package dev.kcentra.sync.graph;

import java.util.List;
import java.util.Set;

/**
 * A group as one {@code /groups/delta} page reported it, with its {@code members@delta}: in a full round all user
 * members, in later rounds the users added and the users removed ({@code removed}).
 */
public record DirectoryGroup(String id, String displayName, String description, Set<String> present, boolean removed,
                             List<MemberChange> members) {

    public DirectoryGroup {
        present = Set.copyOf(present);
        members = List.copyOf(members);
    }

    public boolean has(String property) {
        return present.contains(property);
    }

    public record MemberChange(String userId, boolean removed) {
    }
}
