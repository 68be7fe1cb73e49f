package dev.kcentra.signin.idp;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether Microsoft vouches for a user's email. Entra's {@code email} claim "isn't guaranteed to be correct and is
 * mutable" (https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference); only the optional
 * claim {@code xms_edov} says the email's domain owner is verified
 * (https://learn.microsoft.com/en-us/entra/identity-platform/optional-claims-reference). For a tenant this realm
 * syncs, the tenant's verified domains read from Graph stand in when the token carries no {@code xms_edov}. Keycloak's
 * "Trust email" must not mark an address verified that any tenant admin could have typed in.
 */
final class EntraEmailTrust {

    static final String EMAIL_DOMAIN_OWNER_VERIFIED = "xms_edov";

    private EntraEmailTrust() {
    }

    /** True only for the token's own email, with {@code xms_edov} true; {@code email} is the address being stored. */
    static boolean verified(Map<String, Object> idTokenClaims, String email) {
        return verified(idTokenClaims, email, Set::of);
    }

    /**
     * @param syncedTenantVerifiedDomains the verified domains of the token's tenant when the realm syncs it (read
     *                                    only when the token carries no {@code xms_edov}), else empty
     */
    static boolean verified(Map<String, Object> idTokenClaims, String email, Supplier<Set<String>> syncedTenantVerifiedDomains) {
        if (idTokenClaims == null || email == null) {
            return false;
        }
        Object tokenEmail = idTokenClaims.get("email");
        if (!(tokenEmail instanceof String claimed) || !claimed.trim().equalsIgnoreCase(email.trim())) {
            return false;
        }
        if (idTokenClaims.containsKey(EMAIL_DOMAIN_OWNER_VERIFIED)) {
            return isTrue(idTokenClaims.get(EMAIL_DOMAIN_OWNER_VERIFIED));
        }
        String address = email.trim().toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        return at > 0 && syncedTenantVerifiedDomains.get().contains(address.substring(at + 1));
    }

    /** Microsoft sends a JSON boolean; "true" and 1 are read as the same, anything else as false. */
    private static boolean isTrue(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof Number number) {
            return number.intValue() == 1;
        }
        return value instanceof String text && ("true".equals(text.toLowerCase(Locale.ROOT)) || "1".equals(text));
    }
}
