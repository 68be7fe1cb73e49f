package dev.kcentra.standin.directory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group at the tenant version it (or its membership) last changed. {@code members} holds every member that ever
 * changed, each at its own version, so a delta round can report additions and removals since a watermark.
 * {@code changedAt} is the per-property history of {@code displayName} and {@code description} (see
 * {@link PropertyVersions}).
 */
public record GroupState(String id, String displayName, String description, long version, Removal removal,
                         List<MemberState> members, Map<String, Long> changedAt) {

    public GroupState {
        members = List.copyOf(members);
        changedAt = Map.copyOf(changedAt);
    }

    /** The group's own properties as Graph names them. */
    public Map<String, Object> graphProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", id);
        properties.put("displayName", displayName);
        properties.put("description", description);
        return properties;
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
