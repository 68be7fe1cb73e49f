package dev.kcentra.vault.access;

import dev.kcentra.vault.store.PasswordAppEntity;
import dev.kcentra.vault.store.LaunchApp;
import dev.kcentra.vault.store.SealedCredential;
import dev.kcentra.vault.store.VaultStore;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who may use an app: members of an assigned group or of any of its subgroups, enabled users only. Granting and
 * revoking is group membership, read afresh at every launch.
 */
public final class AppAccess {

    private final KeycloakSession session;
    private final VaultStore store;

    public AppAccess(KeycloakSession session, VaultStore store) {
        this.session = session;
        this.store = store;
    }

    /** What a hand-over finds: whether the user is assigned (now), and the credential they are served if so. */
    public record HandOver(boolean assigned, Optional<SealedCredential> credential) {
    }

    /**
     * At every hand-over (launch or gateway): the user's groups are read afresh, since membership may have changed; the
     * app's groups and shared credential come from {@link LaunchApp}; a user with an own credential is served that.
     */
    public HandOver handOver(UserModel user, LaunchApp app) {
        if (!mayUse(user, app.groupIds())) {
            return new HandOver(false, Optional.empty());
        }
        Optional<SealedCredential> own = app.ownCredentialOwners().contains(user.getId()) ? store.ownCredential(app.id(), user.getId())
                : Optional.empty();
        return new HandOver(true, own.or(() -> Optional.ofNullable(app.shared())));
    }

    /** With the app's assigned groups already read. */
    public static boolean mayUse(UserModel user, Set<String> assignedGroupIds) {
        return user.isEnabled() && !assignedGroupIds.isEmpty() && groupsWithAncestors(user).stream().anyMatch(assignedGroupIds::contains);
    }

    public List<PasswordAppEntity> appsOf(UserModel user) {
        return user.isEnabled() ? store.appsOfGroups(groupsWithAncestors(user)) : List.of();
    }

    /** Users with access, each once, in the order found; {@code max} bounds the work on large groups. */
    public List<UserModel> usersWithAccess(PasswordAppEntity app, int max) {
        Map<String, UserModel> users = new LinkedHashMap<>();
        for (String groupId : store.assignedGroupIds(app)) {
            GroupModel group = session.groups().getGroupById(store.realm(), groupId);
            if (group != null) {
                withSubgroups(group).flatMap(g -> session.users().getGroupMembersStream(store.realm(), g))
                        .filter(UserModel::isEnabled).takeWhile(u -> users.size() < max).forEach(u -> users.putIfAbsent(u.getId(), u));
            }
            if (users.size() >= max) {
                break;
            }
        }
        return List.copyOf(users.values());
    }

    private static Stream<GroupModel> withSubgroups(GroupModel group) {
        return Stream.concat(Stream.of(group), group.getSubGroupsStream().flatMap(AppAccess::withSubgroups));
    }

    /** The user's groups and all their ancestors: assigning a group covers its subgroups' members. */
    private static Set<String> groupsWithAncestors(UserModel user) {
        Set<String> ids = new HashSet<>();
        user.getGroupsStream().forEach(group -> {
            GroupModel g = group;
            while (g != null && ids.add(g.getId())) {
                g = g.getParent();
            }
        });
        return ids;
    }
}
