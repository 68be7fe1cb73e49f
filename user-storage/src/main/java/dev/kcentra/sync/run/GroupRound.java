package dev.kcentra.sync.run;

import dev.kcentra.sync.graph.DirectoryGroup;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One groups-delta round, read whole before anything is applied. Microsoft splits a large group's
 * {@code members@delta} across several copies of the same group object in a round, and clients must merge them
 * (https://learn.microsoft.com/en-us/graph/api/group-delta?view=graph-rest-1.0); a full round's copy lists only its
 * share of the members, so removing "everyone it does not list" per copy would empty large groups. Merged here:
 * member changes in the order they came, a property from any copy that carries it, and the last word on removal.
 */
final class GroupRound {

    private final boolean full;
    private final Map<String, MergedGroup> groups = new LinkedHashMap<>();
    private String deltaLink;

    GroupRound(boolean full) {
        this.full = full;
    }

    String deltaLink() {
        return deltaLink;
    }

    void deltaLink(String link) {
        this.deltaLink = link;
    }

    boolean isFull() {
        return full;
    }

    void add(List<DirectoryGroup> page) {
        for (DirectoryGroup copy : page) {
            if (copy.id() != null) {
                groups.computeIfAbsent(copy.id(), MergedGroup::new).merge(copy);
            }
        }
    }

    Collection<MergedGroup> groups() {
        return groups.values();
    }

    /** Object ids of every group the round reported, removed ones included. */
    Set<String> seen() {
        return groups.keySet();
    }

    /** A group with all of its copies in the round merged. */
    static final class MergedGroup {
        private final String id;
        private String displayName;
        private String description;
        private boolean removed;
        /** User object id to whether the round removed it from the group. */
        private final Map<String, Boolean> members = new LinkedHashMap<>();

        MergedGroup(String id) {
            this.id = id;
        }

        private void merge(DirectoryGroup copy) {
            removed = copy.removed();
            // Copies of one object in a round carry the same values; one that left a property out says nothing.
            displayName = copy.displayName() != null ? copy.displayName() : displayName;
            description = copy.description() != null ? copy.description() : description;
            copy.members().forEach(member -> members.put(member.userId(), member.removed()));
        }

        String id() {
            return id;
        }

        String displayName() {
            return displayName;
        }

        String description() {
            return description;
        }

        boolean removed() {
            return removed;
        }

        /** User object id to whether the round removed it. */
        Map<String, Boolean> members() {
            return members;
        }
    }
}
