package dev.kcentra.sync.run;

import dev.kcentra.sync.EntraSyncConfig;
import dev.kcentra.sync.SyncedUserAttributes;
import dev.kcentra.sync.graph.DirectoryGroup;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.storage.UserStoragePrivateUtil;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies directory groups as subgroups of the connection's parent group, keyed by the Entra object id (group
 * attribute {@code entra.objectId}), and keeps the memberships of synced users in step. Only users this connection
 * synced are ever added to or removed from these groups.
 */
final class GroupImporter {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String componentId;
    private final EntraSyncConfig config;
    private final boolean apply;
    private final UserImporter users;
    private final UserProvider local;
    private GroupModel parent;
    private Map<String, GroupModel> byObjectId;

    GroupImporter(KeycloakSession session, RealmModel realm, String componentId, EntraSyncConfig config, boolean apply,
                  EntraSyncResult result) {
        this.session = session;
        this.realm = realm;
        this.componentId = componentId;
        this.config = config;
        this.apply = apply;
        this.users = new UserImporter(session, realm, componentId, config, apply, result);
        this.local = UserStoragePrivateUtil.userLocalStorage(session);
    }

    /** @param full true when {@code group.members()} is the whole membership (first round) */
    void apply(DirectoryGroup group, boolean full, EntraSyncResult result) {
        if (group.id() == null) {
            return;
        }
        Optional<GroupModel> existing = Optional.ofNullable(groups().get(group.id()));
        if (group.removed()) {
            existing.ifPresent(g -> {
                result.increaseGroupsRemoved();
                if (apply) {
                    session.groups().removeGroup(realm, g);
                    byObjectId.remove(group.id());
                }
            });
            return;
        }
        result.increaseGroupsSynced();
        if (!apply) {
            return;
        }
        GroupModel target = existing.orElseGet(() -> create(group));
        if (existing.isPresent() && group.has("displayName")) {
            String wanted = uniqueName(group);
            if (!wanted.equals(target.getName())) {
                target.setName(wanted);
            }
        }
        if (group.has("description")) {
            target.setDescription(group.description());
        }
        Set<String> listed = new HashSet<>();
        for (DirectoryGroup.MemberChange member : group.members()) {
            Optional<UserModel> user = users.findByObjectId(member.userId());
            if (user.isEmpty()) {
                continue;
            }
            listed.add(user.get().getId());
            if (member.removed()) {
                user.get().leaveGroup(target);
            } else if (!user.get().isMemberOf(target)) {
                user.get().joinGroup(target);
            }
        }
        if (full) {
            local.getGroupMembersStream(realm, target)
                    .filter(u -> componentId.equals(u.getFederationLink()) && !listed.contains(u.getId()))
                    .toList()
                    .forEach(u -> u.leaveGroup(target));
        }
    }

    private GroupModel create(DirectoryGroup group) {
        GroupModel created = session.groups().createGroup(realm, uniqueName(group), parent());
        created.setSingleAttribute(SyncedUserAttributes.OBJECT_ID, group.id());
        created.setSingleAttribute(SyncedUserAttributes.TENANT_ID, config.tenantId());
        byObjectId.put(group.id(), created);
        return created;
    }

    /** Sibling names must be unique in Keycloak; two Entra groups may share a display name. */
    private String uniqueName(DirectoryGroup group) {
        String name = group.displayName() == null || group.displayName().isBlank() ? group.id() : group.displayName();
        GroupModel sibling = parent().getSubGroupsStream().filter(g -> g.getName().equals(name)).findFirst().orElse(null);
        if (sibling == null || group.id().equals(sibling.getFirstAttribute(SyncedUserAttributes.OBJECT_ID))) {
            return name;
        }
        return name + " (" + group.id().substring(0, 8) + ")";
    }

    private Map<String, GroupModel> groups() {
        if (byObjectId == null) {
            GroupModel existingParent = apply ? parent() : findParent().orElse(null);
            if (existingParent == null) {
                byObjectId = new HashMap<>();
                return byObjectId;
            }
            byObjectId = existingParent.getSubGroupsStream()
                    .filter(g -> g.getFirstAttribute(SyncedUserAttributes.OBJECT_ID) != null)
                    .collect(Collectors.toMap(g -> g.getFirstAttribute(SyncedUserAttributes.OBJECT_ID), g -> g, (a, b) -> a, HashMap::new));
        }
        return byObjectId;
    }

    private GroupModel parent() {
        if (parent == null) {
            parent = findParent().orElseGet(() -> session.groups().createGroup(realm, config.groupsParent()));
        }
        return parent;
    }

    private Optional<GroupModel> findParent() {
        return session.groups().getTopLevelGroupsStream(realm).filter(g -> g.getName().equals(config.groupsParent())).findFirst();
    }
}
