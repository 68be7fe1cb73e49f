package dev.kcentra.standin.directory;

import dev.kcentra.standin.seed.EntraApplication;
import dev.kcentra.standin.seed.EntraGroup;
import dev.kcentra.standin.seed.EntraTenant;
import dev.kcentra.standin.seed.EntraUser;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One tenant's live directory. Every change takes the next tenant version; delta rounds report what changed between
 * two versions. {@link #expireDeltaTokens()} starts a new generation, which makes every earlier delta token stale, as
 * Microsoft does after seven days.
 */
public final class TenantDirectory {

    private final EntraTenant tenant;
    private final Map<String, EntraApplication> applications = new LinkedHashMap<>();
    private final TreeMap<String, UserState> users = new TreeMap<>();
    private final TreeMap<String, GroupState> groups = new TreeMap<>();
    /** Lowercased UPN of each present user to its id; keeps sign-in and upserts fast for large seeds. */
    private final Map<String, String> idByPrincipalName = new java.util.HashMap<>();
    private long version;
    private int generation = 1;

    TenantDirectory(EntraTenant tenant) {
        this.tenant = tenant;
        tenant.applications().forEach(app -> applications.put(app.clientId(), app));
        tenant.users().forEach(this::upsertUser);
        tenant.groups().forEach(this::upsertGroup);
    }

    public String id() {
        return tenant.id();
    }

    public String displayName() {
        return tenant.displayName();
    }

    public List<String> domains() {
        return tenant.domains();
    }

    public boolean isConsumers() {
        return tenant.isConsumers();
    }

    public synchronized Optional<EntraApplication> application(String clientId) {
        return Optional.ofNullable(clientId == null ? null : applications.get(clientId.toLowerCase(Locale.ROOT)));
    }

    public synchronized boolean registersRedirectUri(String uri) {
        return applications.values().stream().anyMatch(app -> app.redirectUris().contains(uri));
    }

    /** Adds a certificate credential to an app registration, for tests that create their key pair at run time. */
    public synchronized void addCertificate(String clientId, X509Certificate certificate) {
        EntraApplication app = application(clientId).orElseThrow(() -> new NoSuchElementException("no application " + clientId));
        List<X509Certificate> certificates = new ArrayList<>(app.certificates());
        certificates.add(certificate);
        applications.put(app.clientId(), new EntraApplication(app.displayName(), app.clientId(), app.clientSecret(),
                certificates, app.redirectUris(), app.appRoles(), app.idTokenOptionalClaims()));
    }

    /** Grants an app registration one more Graph application permission, as an admin consenting to it does. */
    public synchronized void grantAppRole(String clientId, String appRole) {
        EntraApplication app = application(clientId).orElseThrow(() -> new NoSuchElementException("no application " + clientId));
        List<String> roles = new ArrayList<>(app.appRoles());
        roles.add(appRole);
        applications.put(app.clientId(), new EntraApplication(app.displayName(), app.clientId(), app.clientSecret(),
                app.certificates(), app.redirectUris(), roles, app.idTokenOptionalClaims()));
    }

    /** Sets the optional claims of an app registration's ID tokens, as an admin does under "Token configuration". */
    public synchronized void setIdTokenOptionalClaims(String clientId, List<String> claims) {
        EntraApplication app = application(clientId).orElseThrow(() -> new NoSuchElementException("no application " + clientId));
        applications.put(app.clientId(), app.withIdTokenOptionalClaims(claims));
    }

    /**
     * A B2B guest of this tenant found by their home identity (the {@code mail} Entra stores on the guest): guests sign
     * in at the resource tenant with their own credentials, not with their {@code #EXT#} UPN
     * (https://learn.microsoft.com/en-us/entra/external-id/user-properties).
     */
    public synchronized Optional<EntraUser> guestByHomeIdentity(String signInName) {
        if (signInName == null) {
            return Optional.empty();
        }
        return users.values().stream().filter(state -> !state.isRemoved()).map(UserState::user)
                .filter(EntraUser::isGuest).filter(u -> u.mail() != null && u.mail().equalsIgnoreCase(signInName.trim()))
                .findFirst();
    }

    public synchronized long version() {
        return version;
    }

    public synchronized int generation() {
        return generation;
    }

    public synchronized void expireDeltaTokens() {
        generation++;
    }

    public synchronized Optional<EntraUser> user(String id) {
        UserState state = users.get(id.toLowerCase(Locale.ROOT));
        return state == null || state.isRemoved() ? Optional.empty() : Optional.of(state.user());
    }

    public synchronized Optional<EntraUser> userByPrincipalName(String userPrincipalName) {
        String id = userPrincipalName == null ? null : idByPrincipalName.get(userPrincipalName.toLowerCase(Locale.ROOT));
        return id == null ? Optional.empty() : user(id);
    }

    /** Creates or replaces a user (restoring it if it was deleted); the change shows in the next delta round. */
    public synchronized void upsertUser(EntraUser user) {
        String id = user.id().toLowerCase(Locale.ROOT);
        String upn = user.userPrincipalName().toLowerCase(Locale.ROOT);
        String holder = idByPrincipalName.get(upn);
        if (holder != null && !holder.equals(id)) {
            throw new IllegalArgumentException("userPrincipalName " + user.userPrincipalName() + " is taken in tenant " + id());
        }
        UserState previous = users.get(id);
        if (previous != null && !previous.isRemoved()) {
            idByPrincipalName.remove(previous.user().userPrincipalName().toLowerCase(Locale.ROOT));
        }
        idByPrincipalName.put(upn, id);
        long at = ++version;
        users.put(id, new UserState(user, at, null, PropertyVersions.next(
                previous == null ? null : previous.user().graphProperties(), previous == null ? null : previous.changedAt(),
                user.graphProperties(), at)));
    }

    /**
     * Deletes a user. A soft delete ({@link Removal#CHANGED}: into deleted items, restorable for 30 days) keeps the
     * user's group memberships, which a restore brings back; only a permanent delete ({@link Removal#DELETED}, also of
     * a soft-deleted user) takes the user out of its groups. See
     * https://learn.microsoft.com/en-us/graph/api/directory-deleteditems-restore?view=graph-rest-1.0 and
     * https://learn.microsoft.com/en-us/graph/api/directory-deleteditems-delete?view=graph-rest-1.0.
     */
    public synchronized void removeUser(String id, Removal removal) {
        UserState state = users.get(id.toLowerCase(Locale.ROOT));
        boolean softDeleted = state != null && state.removal() == Removal.CHANGED;
        if (state == null || (state.isRemoved() && !(softDeleted && removal == Removal.DELETED))) {
            throw new NoSuchElementException("no user " + id + " in tenant " + id());
        }
        long removedAt = ++version;
        users.put(state.user().id(), new UserState(state.user(), removedAt, removal, state.changedAt()));
        idByPrincipalName.remove(state.user().userPrincipalName().toLowerCase(Locale.ROOT));
        if (removal == Removal.DELETED) {
            for (GroupState group : List.copyOf(groups.values())) {
                if (group.currentMemberIds().contains(state.user().id())) {
                    groups.put(group.id(), withMember(group, state.user().id(), true, removedAt));
                }
            }
        }
    }

    public synchronized void upsertGroup(EntraGroup group) {
        String id = group.id().toLowerCase(Locale.ROOT);
        for (String member : group.members()) {
            requireUser(member);
        }
        long at = ++version;
        GroupState previous = groups.get(id);
        Map<String, GroupState.MemberState> members = new LinkedHashMap<>();
        if (previous != null && !previous.isRemoved()) {
            previous.members().forEach(m -> members.put(m.userId(), m));
            for (String old : previous.currentMemberIds()) {
                if (!group.members().contains(old)) {
                    members.put(old, new GroupState.MemberState(old, at, true));
                }
            }
        }
        for (String member : group.members()) {
            GroupState.MemberState existing = members.get(member);
            if (existing == null || existing.removed()) {
                members.put(member, new GroupState.MemberState(member, at, false));
            }
        }
        GroupState next = new GroupState(id, group.displayName(), group.description(), at, null, List.copyOf(members.values()), Map.of());
        groups.put(id, new GroupState(id, group.displayName(), group.description(), at, null, next.members(), PropertyVersions.next(
                previous == null ? null : previous.graphProperties(), previous == null ? null : previous.changedAt(),
                next.graphProperties(), at)));
    }

    public synchronized void addMember(String groupId, String userId) {
        requireUser(userId);
        GroupState group = requireGroup(groupId);
        if (!group.currentMemberIds().contains(userId)) {
            groups.put(group.id(), withMember(group, userId, false, ++version));
        }
    }

    public synchronized void removeMember(String groupId, String userId) {
        GroupState group = requireGroup(groupId);
        if (!group.currentMemberIds().contains(userId)) {
            throw new NoSuchElementException("user " + userId + " is not a member of group " + groupId);
        }
        groups.put(group.id(), withMember(group, userId, true, ++version));
    }

    public synchronized void removeGroup(String groupId, Removal removal) {
        GroupState group = requireGroup(groupId);
        groups.put(group.id(), new GroupState(group.id(), group.displayName(), group.description(), ++version, removal,
                group.members(), group.changedAt()));
    }

    /** A group present now. */
    public synchronized Optional<GroupState> group(String id) {
        GroupState group = groups.get(id.toLowerCase(Locale.ROOT));
        return group == null || group.isRemoved() ? Optional.empty() : Optional.of(group);
    }

    /** The tenant's size for Graph's throttling limits: users, deleted ones still known to delta included. */
    public synchronized int userCount() {
        return users.size();
    }

    /** Users present now, in object id order. */
    public synchronized List<UserState> currentUsers() {
        return users.values().stream().filter(s -> !s.isRemoved()).toList();
    }

    /** Users that changed in {@code (since, upTo]}, in object id order; {@code since} -1 means "all present ones". */
    public synchronized List<UserState> usersChanged(long since, long upTo) {
        return usersChanged(since, upTo, null, Integer.MAX_VALUE);
    }

    /** At most {@code limit} of those, starting at object id {@code fromId} (inclusive; null: from the start). */
    public synchronized List<UserState> usersChanged(long since, long upTo, String fromId, int limit) {
        return window(users, fromId, limit, s -> inRound(s.isRemoved(), s.version(), since, upTo));
    }

    public synchronized List<GroupState> groupsChanged(long since, long upTo) {
        return groupsChanged(since, upTo, null, Integer.MAX_VALUE);
    }

    public synchronized List<GroupState> groupsChanged(long since, long upTo, String fromId, int limit) {
        return window(groups, fromId, limit, g -> inRound(g.isRemoved(), g.version(), since, upTo));
    }

    private static boolean inRound(boolean removed, long version, long since, long upTo) {
        return since < 0 ? !removed && version <= upTo : version > since && version <= upTo;
    }

    /** Walks the id-ordered map from {@code fromId} only as far as needed, so a page costs its size, not the tenant's. */
    private static <T> List<T> window(TreeMap<String, T> map, String fromId, int limit, java.util.function.Predicate<T> inRound) {
        List<T> found = new ArrayList<>();
        for (T item : (fromId == null ? map : map.tailMap(fromId, true)).values()) {
            if (inRound.test(item)) {
                found.add(item);
                if (found.size() >= limit) {
                    break;
                }
            }
        }
        return found;
    }

    private GroupState withMember(GroupState group, String userId, boolean removed, long at) {
        List<GroupState.MemberState> members = new ArrayList<>(group.members().stream()
                .filter(m -> !m.userId().equals(userId)).toList());
        members.add(new GroupState.MemberState(userId, at, removed));
        return new GroupState(group.id(), group.displayName(), group.description(), at, null, members, group.changedAt());
    }

    private void requireUser(String userId) {
        if (user(userId).isEmpty()) {
            throw new NoSuchElementException("no user " + userId + " in tenant " + id());
        }
    }

    private GroupState requireGroup(String groupId) {
        GroupState group = groups.get(groupId.toLowerCase(Locale.ROOT));
        if (group == null || group.isRemoved()) {
            throw new NoSuchElementException("no group " + groupId + " in tenant " + id());
        }
        return group;
    }
}
