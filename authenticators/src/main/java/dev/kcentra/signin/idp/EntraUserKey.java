package dev.kcentra.signin.idp;

import java.util.Map;
import java.util.UUID;

import org.keycloak.broker.provider.IdentityBrokerException;

/** The identity of an Entra account across tenants: {@code <tid>:<oid>}, both GUIDs, lower case. */
public record EntraUserKey(String tenantId, String objectId) {

    public static final String TENANT_ID_CLAIM = "tid";
    public static final String OBJECT_ID_CLAIM = "oid";
    /** Login theme message shown when Microsoft sent no {@code oid}: the sign-in lacked the {@code profile} scope. */
    public static final String NO_OBJECT_ID_MESSAGE = "kcentraEntraNoObjectIdMessage";

    public EntraUserKey {
        tenantId = guid(TENANT_ID_CLAIM, tenantId);
        objectId = guid(OBJECT_ID_CLAIM, objectId);
    }

    public static EntraUserKey fromClaims(Map<String, Object> claims) {
        return new EntraUserKey(string(claims.get(TENANT_ID_CLAIM)), string(claims.get(OBJECT_ID_CLAIM)));
    }

    public String value() {
        return tenantId + ":" + objectId;
    }

    private static String string(Object claim) {
        return claim instanceof String s ? s : null;
    }

    private static String throwing(IdentityBrokerException e) {
        throw e;
    }

    private static String guid(String claim, String value) {
        if (value == null || value.isBlank()) {
            IdentityBrokerException missing = new IdentityBrokerException("Microsoft token has no '" + claim + "' claim"
                    + (OBJECT_ID_CLAIM.equals(claim) ? " (Microsoft sends it only with the 'profile' scope)" : ""));
            return throwing(OBJECT_ID_CLAIM.equals(claim) ? missing.withMessageCode(NO_OBJECT_ID_MESSAGE) : missing);
        }
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException notGuid) {
            throw new IdentityBrokerException("Microsoft token claim '" + claim + "' is not a GUID");
        }
    }
}
