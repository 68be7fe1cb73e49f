package dev.kcentra.sync.run;

import dev.kcentra.sync.EntraSyncConfig;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The last run's outcome as a read-only property of the connection, so that the admin console's settings page
 * shows when the connection last synced, what it did and how old its delta link was, without the event log.
 */
public final class LastSyncStatus {

    /** Marks the session while a run writes the status, which is the only time it may change. */
    private static final String WRITING = LastSyncStatus.class.getName();
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private LastSyncStatus() {
    }

    static void write(KeycloakSession session, RealmModel realm, String componentId, EntraSyncResult result, Instant finished) {
        ComponentModel component = realm.getComponent(componentId);
        if (component == null) {
            return; // removed while the run was going on
        }
        component.getConfig().putSingle(EntraSyncConfig.LAST_SYNC, FORMAT.format(finished) + ": " + result.getStatus());
        session.setAttribute(WRITING, Boolean.TRUE);
        try {
            realm.updateComponent(component);
        } finally {
            session.removeAttribute(WRITING);
        }
    }

    /**
     * Called when the connection is saved: Keycloak does not pass a property's read-only flag to the admin console,
     * so whatever an admin sends as the status is replaced by the stored one.
     */
    public static void keepStored(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (session.getAttribute(WRITING) != null) {
            return;
        }
        ComponentModel stored = model.getId() == null ? null : realm.getComponent(model.getId());
        String status = stored == null ? null : stored.get(EntraSyncConfig.LAST_SYNC);
        if (status == null) {
            model.getConfig().remove(EntraSyncConfig.LAST_SYNC);
        } else {
            model.getConfig().putSingle(EntraSyncConfig.LAST_SYNC, status);
        }
    }
}
