package dev.kcentra.sync.run;

import org.jboss.logging.Logger;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.Map;

/**
 * Records every sync run, periodic ones included, as an admin event (operation {@code ACTION}, resource
 * {@code USER_FEDERATION_PROVIDER}, path {@code user-storage/<id>/entra-sync}) with the result as representation:
 * in the realm's admin-event store when admin events are on, and to the realm's event listeners.
 */
final class SyncAudit {

    private static final Logger LOG = Logger.getLogger(SyncAudit.class);

    private SyncAudit() {
    }

    static void record(KeycloakSession session, RealmModel realm, String componentId, EntraSyncResult result) {
        AdminEvent event = new AdminEvent();
        event.setId(KeycloakModelUtils.generateId());
        event.setTime(System.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setRealmName(realm.getName());
        event.setAuthDetails(auth);
        event.setOperationType(OperationType.ACTION);
        event.setResourceType(ResourceType.USER_FEDERATION_PROVIDER);
        event.setResourcePath("user-storage/" + componentId + "/entra-sync");
        event.setDetails(Map.of("mode", result.getMode(), "status", result.getStatus()));
        if (result.getError() != null) {
            event.setError(result.getError());
        }
        try {
            event.setRepresentation(JsonSerialization.writeValueAsString(result));
        } catch (IOException e) {
            LOG.debug("cannot serialize the sync result", e);
        }
        boolean details = realm.isAdminEventsDetailsEnabled();
        if (realm.isAdminEventsEnabled()) {
            EventStoreProvider store = session.getProvider(EventStoreProvider.class);
            if (store != null) {
                store.onEvent(event, details);
            }
        }
        realm.getEventsListenersStream()
                .map(id -> session.getProvider(EventListenerProvider.class, id))
                .filter(listener -> listener != null)
                .forEach(listener -> listener.onEvent(event, details));
    }
}
