package dev.kcentra.sync.run;

import org.keycloak.storage.user.SynchronizationResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A sync run's outcome. Keycloak shows {@link #getStatus()} in the admin console after "Synchronize" and puts the
 * whole object (with the extra counters) into the admin event and the admin REST response.
 */
public class EntraSyncResult extends SynchronizationResult {

    private final String mode;
    private final boolean dryRun;
    private int disabled;
    private int groupsSynced;
    private int groupsRemoved;
    private int collisions;
    private long durationMillis;
    private String abortReason;
    private String error;
    private long deltaLinkAgeSeconds = -1;
    private int graphRequests;
    private int graphThrottled;
    private long graphPausedMillis;
    private final List<String> notes = new ArrayList<>();

    public EntraSyncResult(String mode, boolean dryRun) {
        this.mode = mode;
        this.dryRun = dryRun;
    }

    public String getMode() {
        return mode;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public int getDisabled() {
        return disabled;
    }

    public void increaseDisabled() {
        disabled++;
    }

    public int getGroupsSynced() {
        return groupsSynced;
    }

    public void increaseGroupsSynced() {
        groupsSynced++;
    }

    public int getGroupsRemoved() {
        return groupsRemoved;
    }

    public void increaseGroupsRemoved() {
        groupsRemoved++;
    }

    public int getCollisions() {
        return collisions;
    }

    public void addCollision(String note) {
        collisions++;
        increaseFailed();
        note(note);
    }

    public long getDurationMillis() {
        return durationMillis;
    }

    public void setDurationMillis(long durationMillis) {
        this.durationMillis = durationMillis;
    }

    public String getAbortReason() {
        return abortReason;
    }

    public void abort(String reason) {
        this.abortReason = reason;
    }

    public boolean isAborted() {
        return abortReason != null;
    }

    public String getError() {
        return error;
    }

    public void fail(String error) {
        this.error = error;
    }

    public long getDeltaLinkAgeSeconds() {
        return deltaLinkAgeSeconds;
    }

    public void setDeltaLinkAgeSeconds(long deltaLinkAgeSeconds) {
        this.deltaLinkAgeSeconds = deltaLinkAgeSeconds;
    }

    public int getGraphRequests() {
        return graphRequests;
    }

    /** Answers with 429 among {@link #getGraphRequests()}; the SDK retried them after Graph's Retry-After. */
    public int getGraphThrottled() {
        return graphThrottled;
    }

    /** Time the run waited before requests because Graph said it neared its throttling limit. */
    public long getGraphPausedMillis() {
        return graphPausedMillis;
    }

    public void setGraphTraffic(int requests, int throttled, long pausedMillis) {
        this.graphRequests = requests;
        this.graphThrottled = throttled;
        this.graphPausedMillis = pausedMillis;
    }

    public List<String> getNotes() {
        return List.copyOf(notes);
    }

    /** Keeps the first notes only, so a run with thousands of problems does not produce a huge message. */
    public void note(String note) {
        if (notes.size() < 10) {
            notes.add(note);
        }
    }

    /** Adds another (partial) result's counters and notes to this one. */
    public void merge(EntraSyncResult other) {
        add(other);
        disabled += other.disabled;
        collisions += other.collisions;
        groupsSynced += other.groupsSynced;
        groupsRemoved += other.groupsRemoved;
        other.notes.forEach(this::note);
    }

    @Override
    public String getStatus() {
        StringBuilder status = new StringBuilder("Entra ID ").append(mode).append(" sync");
        if (dryRun) {
            status.append(" (dry run, nothing changed)");
        }
        if (error != null) {
            status.append(" failed: ").append(error).append(". Nobody was disabled or deleted and the delta link was kept.");
        } else if (abortReason != null) {
            status.append(" stopped: ").append(abortReason).append(" Nobody was disabled or deleted and the delta link was kept.");
        }
        status.append(String.format(" %s %d added, %d updated, %d disabled, %d deleted, %d failed",
                dryRun ? "Would have:" : "Result:", getAdded(), getUpdated(), disabled, getRemoved(), getFailed()));
        if (groupsSynced > 0 || groupsRemoved > 0) {
            status.append(String.format("; groups: %d synced, %d removed", groupsSynced, groupsRemoved));
        }
        status.append(String.format(" in %.1f s", durationMillis / 1000.0));
        status.append(String.format("; Graph: %d requests, %d throttled", graphRequests, graphThrottled));
        if (graphPausedMillis > 0) {
            status.append(String.format(", slowed down %.1f s near its limit", graphPausedMillis / 1000.0));
        }
        status.append('.');
        if (deltaLinkAgeSeconds >= 0) {
            status.append(" Delta link age: ").append(deltaLinkAgeSeconds).append(" s.");
        }
        if (!notes.isEmpty()) {
            status.append(" ").append(String.join(" ", notes));
        }
        return status.toString();
    }
}
