package dev.kcentra.sync.run;

import dev.kcentra.sync.EntraSyncConfig;
import dev.kcentra.sync.SyncedUserAttributes;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.storage.UserStoragePrivateUtil;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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

    /** @param full true when the round listed the group's whole membership (a full round) */
    void apply(GroupRound.MergedGroup group, boolean full, EntraSyncResult result) {
        Optional<GroupModel> existing = Optional.ofNullable(groups().get(group.id()));
        if (group.removed()) {
            existing.ifPresent(g -> remove(g, group.id(), result));
            return;
        }
        result.increaseGroupsSynced();
        if (!apply) {
            return;
        }
        GroupModel target = existing.orElseGet(() -> create(group));
        if (existing.isPresent() && group.displayName() != null) {
            String wanted = uniqueName(group.id(), group.displayName());
            if (!wanted.equals(target.getName())) {
                target.setName(wanted);
            }
        }
        // Null clears: the description was cleared or never set (see DirectoryUser).
        if (!java.util.Objects.equals(group.description(), target.getDescription())) {
            target.setDescription(group.description());
        }
        Set<String> listed = new HashSet<>();
        group.members().forEach((objectId, removed) -> {
            Optional<UserModel> user = users.findByObjectId(objectId);
            if (user.isEmpty()) {
                return;
            }
            listed.add(user.get().getId());
            if (removed) {
                user.get().leaveGroup(target);
            } else if (!user.get().isMemberOf(target)) {
                user.get().joinGroup(target);
            }
        });
        if (full) {
            local.getGroupMembersStream(realm, target)
                    .filter(u -> componentId.equals(u.getFederationLink()) && !listed.contains(u.getId()))
                    .toList()
                    .forEach(u -> u.leaveGroup(target));
        }
    }

    /** Synced groups that a full round did not report: deleted in Entra while the delta link was stale. */
    List<String> unseen(Set<String> seen) {
        return groups().keySet().stream().filter(objectId -> !seen.contains(objectId)).toList();
    }

    int syncedCount() {
        return groups().size();
    }

    void remove(String objectId, EntraSyncResult result) {
        GroupModel group = groups().get(objectId);
        if (group != null) {
            remove(group, objectId, result);
        }
    }

    private void remove(GroupModel group, String objectId, EntraSyncResult result) {
        result.increaseGroupsRemoved();
        if (apply) {
            session.groups().removeGroup(realm, group);
            byObjectId.remove(objectId);
        }
    }

    private GroupModel create(GroupRound.MergedGroup group) {
        GroupModel created = session.groups().createGroup(realm, uniqueName(group.id(), group.displayName()), parent());
        created.setSingleAttribute(SyncedUserAttributes.OBJECT_ID, group.id());
        created.setSingleAttribute(SyncedUserAttributes.TENANT_ID, config.tenantId());
        byObjectId.put(group.id(), created);
        return created;
    }

    /** Sibling names must be unique in Keycloak; two Entra groups may share a display name. */
    private String uniqueName(String objectId, String displayName) {
        String name = displayName == null || displayName.isBlank() ? objectId : displayName;
        GroupModel sibling = parent().getSubGroupsStream().filter(g -> g.getName().equals(name)).findFirst().orElse(null);
        if (sibling == null || objectId.equals(sibling.getFirstAttribute(SyncedUserAttributes.OBJECT_ID))) {
            return name;
        }
        return name + " (" + objectId.substring(0, 8) + ")";
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
