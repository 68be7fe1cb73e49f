package dev.kcentra.sync;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.UserStoragePrivateUtil;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The users an Entra ID connection has synced from its tenant: one attribute query on Keycloak's own store. */
public final class SyncedUsers {

    private SyncedUsers() {
    }

    public static Stream<UserModel> of(KeycloakSession session, RealmModel realm, String componentId, String tenantId) {
        return UserStoragePrivateUtil.userLocalStorage(session)
                .searchForUserByUserAttributeStream(realm, SyncedUserAttributes.TENANT_ID, tenantId)
                .filter(u -> componentId.equals(u.getFederationLink()));
    }

    /** The user the connection synced for this Entra account ({@code tid:oid}), if any. */
    public static Optional<UserModel> byObjectId(KeycloakSession session, RealmModel realm, String componentId, String tenantId,
                                                 String objectId) {
        return UserStoragePrivateUtil.userLocalStorage(session)
                .searchForUserByUserAttributeStream(realm, SyncedUserAttributes.OBJECT_ID, objectId.toLowerCase(Locale.ROOT))
                .filter(u -> componentId.equals(u.getFederationLink()))
                .filter(u -> tenantId.equalsIgnoreCase(u.getFirstAttribute(SyncedUserAttributes.TENANT_ID)))
                .findFirst();
    }
}
