package dev.kcentra.vault.rotation;

import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * Admin events for what the vault does on its own schedule (no admin in the loop), sent like Keycloak's
 * {@code AdminEventBuilder} sends them: stored when the realm saves admin events, and given to its event listeners.
 */
final class SystemAdminEvents {

    private SystemAdminEvents() {
    }

    static void send(KeycloakSession session, RealmModel realm, String resourcePath, String error, Map<String, Object> representation) {
        AdminEvent event = new AdminEvent();
        event.setId(UUID.randomUUID().toString());
        event.setTime(System.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setRealmName(realm.getName());
        event.setAuthDetails(auth);
        event.setOperationType(OperationType.ACTION);
        event.setResourceType(ResourceType.CUSTOM);
        event.setResourcePath(resourcePath);
        event.setError(error);
        try {
            event.setRepresentation(JsonSerialization.writeValueAsString(representation));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        boolean details = realm.isAdminEventsDetailsEnabled();
        if (realm.isAdminEventsEnabled()) {
            session.getProvider(EventStoreProvider.class).onEvent(event, details);
        }
        realm.getEventsListenersStream().map(id -> session.getProvider(EventListenerProvider.class, id))
                .filter(listener -> listener != null).forEach(listener -> listener.onEvent(event, details));
    }
}
