package dev.kcentra.standin.seed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A directory user with the Graph properties the stand-in serves. {@code password} is the stand-in's own sign-in
 * secret and never leaves it through Graph.
 */
public record EntraUser(String id, String userPrincipalName, String mail, String mobilePhone, String displayName,
                        String givenName, String surname, boolean accountEnabled, String userType,
                        String onPremisesImmutableId, String password) {

    public static final String MEMBER = "Member";
    public static final String GUEST = "Guest";

    /** The user as Microsoft Graph represents it (all properties, nulls included, as Graph does with $select). */
    public Map<String, Object> graphProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", id);
        properties.put("userPrincipalName", userPrincipalName);
        properties.put("mail", mail);
        properties.put("mobilePhone", mobilePhone);
        properties.put("displayName", displayName);
        properties.put("givenName", givenName);
        properties.put("surname", surname);
        properties.put("accountEnabled", accountEnabled);
        properties.put("userType", userType);
        properties.put("onPremisesImmutableId", onPremisesImmutableId);
        return properties;
    }

    public boolean isGuest() {
        return GUEST.equals(userType);
    }
}
