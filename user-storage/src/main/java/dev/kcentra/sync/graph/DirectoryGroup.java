package dev.kcentra.sync.graph;

import java.util.List;

/**
 * One copy of a group as a {@code /groups/delta} page reported it, with its {@code members@delta}: in a full round
 * user members, in later rounds the users added and the users removed ({@code removed}). A large group comes as
 * several copies in one round, each with a share of the members (see {@code run/GroupRound}, which merges them).
 * Properties are read as {@link DirectoryUser} reads them: null when cleared or never set.
 */
public record DirectoryGroup(String id, String displayName, String description, boolean removed, List<MemberChange> members) {

    public DirectoryGroup {
        members = List.copyOf(members);
    }

    public record MemberChange(String userId, boolean removed) {
    }
}
