package dev.kcentra.standin.seed;

import java.util.List;

/** A security group and the object ids of its (user) members. */
public record EntraGroup(String id, String displayName, String description, List<String> members) {

    public EntraGroup {
        members = List.copyOf(members);
    }
}
