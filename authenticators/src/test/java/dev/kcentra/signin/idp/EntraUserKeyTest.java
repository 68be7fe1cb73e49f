package dev.kcentra.signin.idp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.broker.provider.IdentityBrokerException;

class EntraUserKeyTest {

    private static final String TID = "b4d2c7a1-6e3f-4a8b-9c0d-1e2f3a4b5c6d";
    private static final String OID = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    @Test
    void keyIsTenantAndObjectIdInLowerCase() {
        assertEquals(TID + ":" + OID, EntraUserKey.fromClaims(Map.of("tid", TID.toUpperCase(), "oid", OID)).value());
    }

    @Test
    void missingOrMalformedClaimsAreRefused() {
        assertEquals("Microsoft token has no 'oid' claim (Microsoft sends it only with the 'profile' scope)",
                assertThrows(IdentityBrokerException.class, () -> EntraUserKey.fromClaims(Map.of("tid", TID))).getMessage());
        assertEquals("Microsoft token has no 'tid' claim",
                assertThrows(IdentityBrokerException.class, () -> EntraUserKey.fromClaims(Map.of("oid", OID, "tid", " "))).getMessage());
        assertEquals("Microsoft token claim 'oid' is not a GUID",
                assertThrows(IdentityBrokerException.class, () -> EntraUserKey.fromClaims(Map.of("tid", TID, "oid", "alice"))).getMessage());
        assertThrows(IdentityBrokerException.class, () -> EntraUserKey.fromClaims(Map.of("tid", TID, "oid", 42)));
    }
}
