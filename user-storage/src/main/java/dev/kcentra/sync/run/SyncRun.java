package dev.kcentra.sync.run;

import dev.kcentra.common.audit.SystemAdminEvent;
import dev.kcentra.sync.DeletionPolicy;
import dev.kcentra.sync.EntraSyncConfig;
import dev.kcentra.sync.SyncedUserAttributes;
import dev.kcentra.sync.SyncedUsers;
import dev.kcentra.sync.graph.DeltaExpiredException;
import dev.kcentra.sync.graph.DirectoryUser;
import dev.kcentra.sync.graph.GraphAccessException;
import dev.kcentra.sync.graph.GraphTraffic;
import dev.kcentra.sync.graph.GroupDeltaReader;
import dev.kcentra.sync.graph.UserDeltaReader;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.support.EntityManagers;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.UserManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One sync run of one Entra connection. Each Graph page is applied in its own transaction (additions and updates
 * are idempotent upserts by object id, so a replayed page is harmless). Disabling and deleting wait until the whole
 * round has been read: a run that fails, or that would disable or delete more than the abort threshold, disables and
 * deletes nobody and keeps the stored delta link, so the next run starts from the same point.
 */
public final class SyncRun {

    private static final Logger LOG = Logger.getLogger(SyncRun.class);
    static final String REASON_SCOPE = "scope";
    static final int CHUNK = 25;
    static final int GROUP_CHUNK = 50;

    private final KeycloakSessionFactory sessionFactory;
    private final String realmId;
    private final String componentId;
    private final EntraSyncConfig config;
    private final UserDeltaReader reader;
    private final GroupDeltaReader groupReader;
    private final Clock clock;
    /** Object ids of the users in the scope groups; null when all users are in scope. */
    private Set<String> scope;
    private SyncedUserIndex index;

    public SyncRun(KeycloakSessionFactory sessionFactory, String realmId, String componentId, EntraSyncConfig config,
                   UserDeltaReader reader, GroupDeltaReader groupReader, Clock clock) {
        this.sessionFactory = sessionFactory;
        this.realmId = realmId;
        this.componentId = componentId;
        this.config = config;
        this.reader = reader;
        this.groupReader = groupReader;
        this.clock = clock;
    }

    /**
     * @param full true for a full sync; a changed-users sync without a stored delta link runs as a full one
     * @param traffic the Graph client's request counter, whose figures the result reports
     */
    public EntraSyncResult run(boolean full, GraphTraffic traffic) {
        Instant started = clock.instant();
        Optional<DeltaLinkStore.StoredLink> stored = inTransaction(session -> DeltaLinkStore.load(realm(session), componentId, DeltaLinkStore.Kind.USERS));
        boolean stale = !full && stored.filter(this::tooOld).isPresent();
        boolean fullRound = full || stored.isEmpty() || stale;
        EntraSyncResult result = new EntraSyncResult(fullRound ? "full" : "changed-users", config.dryRun());
        stored.ifPresent(link -> result.setDeltaLinkAgeSeconds(Duration.between(link.storedAt(), started).toSeconds()));
        if (stale) {
            noteTooOld(stored.get(), result, "users");
        }
        LOG.infof("Entra ID %s sync of realm %s started", result.getMode(), realmId);
        try {
            scope = config.scopedToGroups() ? reader.transitiveUserMembers(config.scopeGroups()) : null;
            Round round;
            try {
                round = walk(fullRound ? null : stored.get().link(), result);
            } catch (DeltaExpiredException e) {
                result.note("The stored delta link had expired (" + e.getMessage() + "); ran a full sync instead.");
                round = walk(null, result);
            }
            Round finished = round;
            if (scope != null && !finished.full) {
                addUsersThatJoinedTheScope(finished, result);
            }
            inTransaction(session -> {
                applyRemovals(session, finished, result);
                if (!result.isAborted() && !config.dryRun()) {
                    DeltaLinkStore.store(realm(session), componentId, DeltaLinkStore.Kind.USERS, finished.deltaLink, clock.instant());
                }
                return null;
            });
            if (config.syncGroups() && !result.isAborted()) {
                syncGroups(full, result);
            }
        } catch (GraphAccessException e) {
            result.fail(e.getMessage());
            LOG.warnf("Entra ID sync of realm %s failed: %s", realmId, e.getMessage());
        } catch (RuntimeException e) {
            result.fail(e.toString());
            LOG.errorf(e, "Entra ID sync of realm %s failed", realmId);
        }
        result.setDurationMillis(Duration.between(started, clock.instant()).toMillis());
        result.setGraphTraffic(traffic.requests(), traffic.throttled(), traffic.pausedMillis());
        LOG.infof("Entra ID sync of realm %s: %s", realmId, result.getStatus());
        try {
            inTransaction(session -> {
                // Every run, periodic ones included, is an admin event with the result as representation.
                SystemAdminEvent.send(session, realm(session), ResourceType.USER_FEDERATION_PROVIDER, "user-storage/" + componentId + "/entra-sync",
                        Map.of("mode", result.getMode(), "status", result.getStatus()), result.getError(), result);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "The Entra ID sync result of realm %s could not be recorded as an admin event", realmId);
        }
        try {
            inTransaction(session -> {
                LastSyncStatus.write(session, realm(session), componentId, result, clock.instant());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "The Entra ID sync result of realm %s could not be shown on the connection's settings", realmId);
        }
        return result;
    }

    /**
     * Microsoft expires the change tokens of directory objects after seven days
     * (https://learn.microsoft.com/en-us/graph/delta-query-overview, "Token duration"): a link older than the
     * connection's maximum age is not followed; the round starts from scratch instead.
     */
    private boolean tooOld(DeltaLinkStore.StoredLink link) {
        return Duration.between(link.storedAt(), clock.instant()).compareTo(Duration.ofDays(config.deltaLinkMaxAgeDays())) > 0;
    }

    private void noteTooOld(DeltaLinkStore.StoredLink link, EntraSyncResult result, String round) {
        result.note(String.format("The %s delta link was %d days old, more than the %d days allowed (Microsoft expires it "
                + "after 7): read all %s again.", round, Duration.between(link.storedAt(), clock.instant()).toDays(),
                config.deltaLinkMaxAgeDays(), round));
    }

    /** State of one round: deferred removals (object id to reason) and, in a full round, every object id seen. */
    private static final class Round {
        final boolean full;
        final Map<String, String> removals = new LinkedHashMap<>();
        final Set<String> seen = new HashSet<>();
        String deltaLink;

        Round(boolean full) {
            this.full = full;
        }
    }

    /**
     * Groups after users, so that new members already exist; its own delta link, advanced only when it completes. The
     * round is read whole first (a large group's copies merged, see {@link GroupRound}) and then applied, so that a
     * round failing halfway changes no group.
     */
    private void syncGroups(boolean full, EntraSyncResult result) {
        Optional<DeltaLinkStore.StoredLink> stored = full ? Optional.empty()
                : inTransaction(session -> DeltaLinkStore.load(realm(session), componentId, DeltaLinkStore.Kind.GROUPS))
                        .filter(link -> {
                            if (tooOld(link)) {
                                noteTooOld(link, result, "groups");
                                return false;
                            }
                            return true;
                        });
        GroupRound round;
        try {
            try {
                round = readGroups(stored.map(DeltaLinkStore.StoredLink::link).orElse(null));
            } catch (DeltaExpiredException e) {
                result.note("The groups delta link had expired; read all groups again.");
                round = readGroups(null);
            }
        } catch (GraphAccessException e) {
            // Users are done at this point; only the groups part failed, and its delta link stays where it was.
            result.increaseFailed();
            result.note("Groups could not be synced (" + e.getMessage() + "); their delta link was kept.");
            return;
        }
        applyGroups(round, result);
        if (!config.dryRun()) {
            String newLink = round.deltaLink();
            inTransaction(session -> {
                DeltaLinkStore.store(realm(session), componentId, DeltaLinkStore.Kind.GROUPS, newLink, clock.instant());
                return null;
            });
        }
    }

    private GroupRound readGroups(String deltaLink) {
        GroupRound round = new GroupRound(deltaLink == null);
        round.deltaLink(groupReader.read(deltaLink, round::add));
        return round;
    }

    private void applyGroups(GroupRound round, EntraSyncResult result) {
        List<GroupRound.MergedGroup> merged = List.copyOf(round.groups());
        for (int from = 0; from < merged.size(); from += GROUP_CHUNK) {
            List<GroupRound.MergedGroup> chunk = merged.subList(from, Math.min(merged.size(), from + GROUP_CHUNK));
            inTransaction(session -> {
                GroupImporter importer = new GroupImporter(session, realm(session), componentId, config, !config.dryRun(), result);
                chunk.forEach(group -> importer.apply(group, round.isFull(), result));
                return null;
            });
        }
        if (round.isFull()) {
            inTransaction(session -> {
                sweepGroups(new GroupImporter(session, realm(session), componentId, config, !config.dryRun(), result), round, result);
                return null;
            });
        }
    }

    /** A full round sweeps the synced groups it did not report, as the users round does, under the same threshold. */
    private void sweepGroups(GroupImporter importer, GroupRound round, EntraSyncResult result) {
        List<String> unseen = importer.unseen(round.seen());
        int synced = importer.syncedCount();
        if (!unseen.isEmpty() && unseen.size() * 100L > (long) config.abortThresholdPercent() * Math.max(synced, 1)) {
            result.note(String.format("Kept %d of %d synced groups that Entra no longer reports: more than the abort "
                    + "threshold of %d%%.", unseen.size(), synced, config.abortThresholdPercent()));
            return;
        }
        unseen.forEach(objectId -> importer.remove(objectId, result));
    }

    /**
     * A user who joins a scope group without changing shows in no users delta round; read those users one by one.
     */
    private void addUsersThatJoinedTheScope(Round round, EntraSyncResult result) {
        SyncedUserIndex synced = inTransaction(this::index);
        List<DirectoryUser> joined = new java.util.ArrayList<>();
        for (String objectId : scope) {
            if (!synced.contains(objectId) && !round.seen.contains(objectId) && !round.removals.containsKey(objectId)) {
                reader.user(objectId).ifPresent(joined::add);
            }
        }
        applyPage(joined, round, result);
    }

    /**
     * The run's index of synced users: read at the start of a full round, and in a delta round only when the run needs
     * it, so that a delta round with nothing to remove stays as small as its changes.
     */
    private SyncedUserIndex index(KeycloakSession session) {
        if (index == null) {
            index = SyncedUserIndex.load(session, realm(session), componentId, config.tenantId());
        }
        return index;
    }

    private Round walk(String deltaLink, EntraSyncResult result) {
        // A full round touches every synced user: index them once. A delta round touches few: look each one up.
        index = null;
        if (deltaLink == null) {
            inTransaction(this::index);
        }
        Round round = new Round(deltaLink == null);
        round.deltaLink = reader.read(deltaLink, page -> applyPage(page, round, result));
        return round;
    }

    /**
     * Applies one Graph page. In a full round the page is first applied in one batched transaction without the
     * per-user username and email lookups (the database's unique constraints still guard them). If that fails at commit,
     * because a name or email is taken, or in a delta round, the page is applied with the lookups in chunks of
     * {@value #CHUNK}, each its own transaction: Hibernate flushes before every lookup query, and the cost of each flush
     * grows with the entities the transaction holds.
     */
    private void applyPage(List<DirectoryUser> page, Round round, EntraSyncResult result) {
        if (index != null && !config.dryRun()) {
            EntraSyncResult optimistic = new EntraSyncResult(result.getMode(), false);
            List<String> created = new java.util.ArrayList<>();
            try {
                // Batch mode: no flush per created user (as Keycloak's own realm import does); one flush at commit.
                inTransaction(session -> {
                    EntityManagers.runInBatch(session, () -> importChunk(session, page, round, optimistic, false, created), false);
                    return null;
                });
                result.merge(optimistic);
                return;
            } catch (RuntimeException e) {
                created.forEach(index::remove);
                LOG.debugf("A page of Entra users collided with existing users (%s); applying it with checks", e.getMessage());
            }
        }
        for (int from = 0; from < page.size(); from += CHUNK) {
            List<DirectoryUser> chunk = page.subList(from, Math.min(page.size(), from + CHUNK));
            inTransaction(session -> importChunk(session, chunk, round, result, true, new java.util.ArrayList<>()));
        }
    }

    private Void importChunk(KeycloakSession session, List<DirectoryUser> chunk, Round round, EntraSyncResult result,
                             boolean checkCollisions, List<String> created) {
        UserImporter importer = new UserImporter(session, realm(session), componentId, config, !config.dryRun(), result, index);
        importer.checkCollisions(checkCollisions);
        for (DirectoryUser user : chunk) {
            if (user.id() == null) {
                continue;
            }
            if (user.isRemoved()) {
                round.seen.remove(user.id());
                round.removals.put(user.id(), user.removedReason());
                continue;
            }
            round.removals.remove(user.id());
            if (scope != null && !scope.contains(user.id())) {
                round.removals.put(user.id(), REASON_SCOPE);
                continue;
            }
            round.seen.add(user.id());
            try {
                switch (importer.upsert(user)) {
                    case ADDED -> {
                        result.increaseAdded();
                        created.add(user.id());
                    }
                    case UPDATED -> result.increaseUpdated();
                    case OUT_OF_SCOPE -> {
                        round.seen.remove(user.id());
                        round.removals.put(user.id(), REASON_SCOPE);
                    }
                    case UNCHANGED, FAILED -> {
                    }
                }
            } catch (RuntimeException e) {
                if (!checkCollisions) {
                    throw e; // the page is applied again with the lookups, which tell a collision from a failure
                }
                result.increaseFailed();
                result.note("User " + user.id() + " failed: " + e.getMessage());
                LOG.warnf(e, "Entra user %s could not be synced", user.id());
            }
        }
        return null;
    }

    private void applyRemovals(KeycloakSession session, Round round, EntraSyncResult result) {
        RealmModel realm = realm(session);
        if (scope != null || round.full) {
            for (String objectId : index(session).objectIds()) {
                if (scope != null && !scope.contains(objectId)) {
                    round.removals.putIfAbsent(objectId, REASON_SCOPE);
                } else if (round.full && !round.seen.contains(objectId) && !round.removals.containsKey(objectId)) {
                    round.removals.put(objectId, DirectoryUser.REMOVED_DELETED);
                }
            }
        }
        UserImporter importer = new UserImporter(session, realm, componentId, config, !config.dryRun(), result, index);

        Map<UserModel, String> actions = new LinkedHashMap<>();
        for (Map.Entry<String, String> removal : round.removals.entrySet()) {
            importer.findByObjectId(removal.getKey()).ifPresent(user -> {
                boolean deleted = DirectoryUser.REMOVED_DELETED.equals(removal.getValue());
                if (deleted && config.deletionPolicy() == DeletionPolicy.KEEP) {
                    return;
                }
                if (user.isEnabled() || (deleted && user.getFirstAttribute(SyncedUserAttributes.REMOVED_AT) == null)) {
                    actions.put(user, removal.getValue());
                }
            });
        }
        // Every destructive action counts: disabling an enabled user, and deleting a user, also one already disabled
        // (deleted in Entra earlier, or now with "delete after" 0 days).
        List<UserModel> due = config.deletionPolicy() == DeletionPolicy.DELETE_AFTER ? dueForDeletion(session, realm) : List.of();
        Set<String> destructive = new HashSet<>();
        actions.forEach((user, reason) -> {
            boolean deletedNow = DirectoryUser.REMOVED_DELETED.equals(reason) && config.deletionPolicy() == DeletionPolicy.DELETE_AFTER
                    && config.deleteAfterDays() == 0;
            if (user.isEnabled() || deletedNow) {
                destructive.add(user.getId());
            }
        });
        due.forEach(user -> destructive.add(user.getId()));
        int syncedCount = destructive.isEmpty() ? 0 : index(session).size();
        if (!destructive.isEmpty() && destructive.size() * 100L > (long) config.abortThresholdPercent() * Math.max(syncedCount, 1)) {
            result.abort(String.format("this run would disable or delete %d of %d synced users (%d%%), more than the abort "
                    + "threshold of %d%%. Check the connection's tenant and scope, or raise the threshold.", destructive.size(),
                    syncedCount, destructive.size() * 100L / Math.max(syncedCount, 1), config.abortThresholdPercent()));
            return;
        }
        for (Map.Entry<UserModel, String> action : actions.entrySet()) {
            UserModel user = action.getKey();
            if (importer.disable(user)) {
                result.increaseDisabled();
            }
            if (DirectoryUser.REMOVED_DELETED.equals(action.getValue()) && !config.dryRun()) {
                user.setSingleAttribute(SyncedUserAttributes.REMOVED_AT, String.valueOf(clock.instant().getEpochSecond()));
            }
        }
        if (config.deletionPolicy() == DeletionPolicy.DELETE_AFTER) {
            deleteExpired(session, realm, result);
        }
    }

    /** Synced users whose deletion in Entra is older than "delete after" days. */
    private List<UserModel> dueForDeletion(KeycloakSession session, RealmModel realm) {
        long cutoff = clock.instant().minus(Duration.ofDays(config.deleteAfterDays())).getEpochSecond();
        return SyncedUsers.of(session, realm, componentId, config.tenantId())
                .filter(user -> {
                    String removedAt = user.getFirstAttribute(SyncedUserAttributes.REMOVED_AT);
                    return removedAt != null && Long.parseLong(removedAt) <= cutoff;
                })
                .toList();
    }

    private void deleteExpired(KeycloakSession session, RealmModel realm, EntraSyncResult result) {
        UserManager users = new UserManager(session);
        for (UserModel user : dueForDeletion(session, realm)) {
            result.increaseRemoved();
            if (!config.dryRun()) {
                users.removeUser(realm, user);
            }
        }
    }

    private RealmModel realm(KeycloakSession session) {
        RealmModel realm = session.realms().getRealm(realmId);
        session.getContext().setRealm(realm);
        return realm;
    }

    private <T> T inTransaction(Function<KeycloakSession, T> job) {
        return KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory, job::apply);
    }
}
