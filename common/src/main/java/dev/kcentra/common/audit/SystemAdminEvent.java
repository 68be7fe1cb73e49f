package dev.kcentra.common.audit;

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
 * An admin event ({@code ACTION}) for what the server does on its own schedule, with no admin in the loop (a periodic
 * sync, a scheduled rotation), sent as Keycloak's {@code AdminEventBuilder} sends them: stored when the realm saves
 * admin events, and given to the realm's event listeners. The acting "admin" is the realm itself.
 */
public final class SystemAdminEvent {

    private static final Logger LOG = Logger.getLogger(SystemAdminEvent.class);

    private SystemAdminEvent() {
    }

    /**
     * @param details        short searchable details, or none
     * @param error          the error, null on success
     * @param representation what happened, as JSON (never a secret)
     */
    public static void send(KeycloakSession session, RealmModel realm, ResourceType resourceType, String resourcePath,
                            Map<String, String> details, String error, Object representation) {
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
        event.setResourceType(resourceType);
        event.setResourcePath(resourcePath);
        if (details != null && !details.isEmpty()) {
            event.setDetails(details);
        }
        event.setError(error);
        try {
            event.setRepresentation(JsonSerialization.writeValueAsString(representation));
        } catch (IOException e) {
            LOG.debugf(e, "Admin event %s: representation not written", resourcePath);
        }
        boolean withRepresentation = realm.isAdminEventsDetailsEnabled();
        if (realm.isAdminEventsEnabled()) {
            EventStoreProvider store = session.getProvider(EventStoreProvider.class);
            if (store != null) {
                store.onEvent(event, withRepresentation);
            }
        }
        realm.getEventsListenersStream()
                .map(id -> session.getProvider(EventListenerProvider.class, id))
                .filter(listener -> listener != null)
                .forEach(listener -> listener.onEvent(event, withRepresentation));
    }
}
