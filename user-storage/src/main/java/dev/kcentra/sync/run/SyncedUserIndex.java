package dev.kcentra.sync.run;

import dev.kcentra.sync.SyncedUserAttributes;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.UserStoragePrivateUtil;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Object id to Keycloak user id of every user this connection has synced, read once per run: a new user then costs
 * no lookup query, an existing one a primary-key read. Ids only, so the run's memory stays small.
 */
final class SyncedUserIndex {

    private final Map<String, String> userIdByObjectId = new HashMap<>();

    /** The users this connection has synced from its tenant. */
    static Stream<UserModel> users(KeycloakSession session, RealmModel realm, String componentId, String tenantId) {
        return UserStoragePrivateUtil.userLocalStorage(session)
                .searchForUserByUserAttributeStream(realm, SyncedUserAttributes.TENANT_ID, tenantId)
                .filter(u -> componentId.equals(u.getFederationLink()));
    }

    static SyncedUserIndex load(KeycloakSession session, RealmModel realm, String componentId, String tenantId) {
        SyncedUserIndex index = new SyncedUserIndex();
        users(session, realm, componentId, tenantId)
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
