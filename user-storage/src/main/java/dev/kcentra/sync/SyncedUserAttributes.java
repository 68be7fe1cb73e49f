package dev.kcentra.sync;

/** The user attributes Entra ID Sync writes and reads. The object id (with the tenant id) is the identity anchor. */
public final class SyncedUserAttributes {

    public static final String OBJECT_ID = "entra.objectId";
    public static final String TENANT_ID = "entra.tenantId";
    /** "Guest" for guest users; absent for members. */
    public static final String USER_TYPE = "entra.userType";
    public static final String IMMUTABLE_ID = "entra.onPremisesImmutableId";
    public static final String MOBILE_PHONE = "phoneNumber";
    /** Per-user SSO switch ("true"/"false"), used when the connection has SSO on but not for all synced users. */
    public static final String SSO = "entra.sso";
    /** Epoch milliseconds when a sync run last created or changed the user (an unchanged user keeps it). */
    public static final String SYNCED_AT = "entra.syncedAt";
    /** Epoch seconds since Entra deleted the user; set while the user waits for the deletion policy. */
    public static final String REMOVED_AT = "entra.removedAt";

    private SyncedUserAttributes() {
    }
}
