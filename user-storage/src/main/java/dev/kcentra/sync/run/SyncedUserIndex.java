package dev.kcentra.sync.run;

import dev.kcentra.sync.SyncedUserAttributes;
import dev.kcentra.sync.SyncedUsers;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Object id to Keycloak user id of every user this connection has synced, read once per run: a new user then costs
 * no lookup query, an existing one a primary-key read. Ids only, so the run's memory stays small.
 */
final class SyncedUserIndex {

    private final Map<String, String> userIdByObjectId = new HashMap<>();

    static SyncedUserIndex load(KeycloakSession session, RealmModel realm, String componentId, String tenantId) {
        SyncedUserIndex index = new SyncedUserIndex();
        SyncedUsers.of(session, realm, componentId, tenantId)
                .forEach(u -> {
                    String objectId = u.getFirstAttribute(SyncedUserAttributes.OBJECT_ID);
                    if (objectId != null) {
                        index.userIdByObjectId.put(objectId, u.getId());
                    }
                });
        return index;
    }

    Set<String> objectIds() {
        return Set.copyOf(userIdByObjectId.keySet());
    }

    boolean contains(String objectId) {
        return userIdByObjectId.containsKey(objectId);
    }

    String userId(String objectId) {
        return userIdByObjectId.get(objectId);
    }

    void put(String objectId, String userId) {
        userIdByObjectId.put(objectId, userId);
    }

    void remove(String objectId) {
        userIdByObjectId.remove(objectId);
    }

    int size() {
        return userIdByObjectId.size();
    }
}
