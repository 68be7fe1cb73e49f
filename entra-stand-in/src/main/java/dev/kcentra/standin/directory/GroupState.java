package dev.kcentra.standin.directory;

import java.util.List;

/**
 * A group at the tenant version it (or its membership) last changed. {@code members} holds every member that ever
 * changed, each at its own version, so a delta round can report additions and removals since a watermark.
 */
public record GroupState(String id, String displayName, String description, long version, Removal removal,
                         List<MemberState> members) {

    public GroupState {
        members = List.copyOf(members);
    }

    public boolean isRemoved() {
        return removal != null;
    }

    public List<String> currentMemberIds() {
        return members.stream().filter(m -> !m.removed()).map(MemberState::userId).toList();
    }

    public record MemberState(String userId, long version, boolean removed) {
    }
}
