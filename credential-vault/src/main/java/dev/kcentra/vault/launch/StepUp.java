package dev.kcentra.vault.launch;

import com.fasterxml.jackson.core.type.TypeReference;
import org.jboss.logging.Logger;
import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.common.util.Time;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.Map;

/**
 * An app's "second factor before launch": the level of authentication (Keycloak's step-up, {@code acr}) that the
 * session holds now, against what the app requires. Checked by My apps and by the gateway alike, and counted as Keycloak
 * counts a level for a later sign-in: no clock of our own.
 * <ul>
 * <li>Keycloak notes in the user session when each level was last authenticated ({@code loa-map}); a level holds while
 * that time plus the max age of its "Condition - Level of Authentication" in the realm's browser flow has not passed.</li>
 * <li>A level whose max age is 0 is in no such note: Keycloak grants it to the one sign-in that reached it, which set
 * the level of the client's session (My apps' or the gateway's). That level serves one hand-over, then is spent: the
 * client session falls back to what the note still holds, so the next hand-over needs a new step-up.</li>
 * </ul>
 */
public final class StepUp {

    private static final Logger LOG = Logger.getLogger(StepUp.class);

    private StepUp() {
    }

    /** The highest level the realm's browser flow can reach: 1 without step-up conditions. */
    public static int highestLevel(RealmModel realm) {
        return LoAUtil.getLoAConfiguredInRealmBrowserFlow(realm).mapToInt(Integer::intValue).max().orElse(1);
    }

    /**
     * Whether the session holds {@code required} now, for a hand-over through the client whose session this is (null:
     * none); a level of max age 0 that this answers for is spent.
     */
    static boolean holds(RealmModel realm, UserSessionModel userSession, AuthenticatedClientSessionModel clientSession, int required) {
        Map<Integer, Integer> maxAges = LoAUtil.getLoaMaxAgesConfiguredInRealmBrowserFlow(realm);
        if (maxAges.isEmpty()) {
            // No step-up in the flow: level 1 is a sign-in, and no higher level can be required (the admin REST refuses it).
            return required <= 1;
        }
        int now = Time.currentTime();
        Map<Integer, Integer> authenticated = authenticatedLevels(userSession);
        if (highestValid(authenticated, maxAges, now) >= required) {
            return true;
        }
        int reached = clientSession == null ? Constants.NO_LOA : LoAUtil.getCurrentLevelOfAuthentication(clientSession);
        if (reached >= required && maxAges.getOrDefault(reached, 0) == 0) {
            clientSession.setNote(Constants.LEVEL_OF_AUTHENTICATION, String.valueOf(Math.min(reached, highestValid(authenticated, maxAges, now))));
            return true;
        }
        return false;
    }

    /** The highest level authenticated within its max age, as the note has it: {@link Constants#NO_LOA} if none. */
    private static int highestValid(Map<Integer, Integer> authenticated, Map<Integer, Integer> maxAges, int now) {
        int highest = Constants.NO_LOA;
        for (Map.Entry<Integer, Integer> level : authenticated.entrySet()) {
            // Keycloak counts a level without a condition in the flow (any more) with max age 0.
            if (level.getValue() + maxAges.getOrDefault(level.getKey(), 0) >= now && level.getKey() > highest) {
                highest = level.getKey();
            }
        }
        return highest;
    }

    /** Keycloak's {@code loa-map} user-session note: level to the time (epoch seconds) it was last authenticated. */
    private static Map<Integer, Integer> authenticatedLevels(UserSessionModel userSession) {
        String note = userSession.getNote(Constants.LOA_MAP);
        if (note == null) {
            return Map.of();
        }
        try {
            return JsonSerialization.readValue(note, new TypeReference<Map<Integer, Integer>>() { });
        } catch (IOException e) {
            LOG.warnf("Unreadable level-of-authentication note in a session of realm %s: no level counts", userSession.getRealm().getName());
            return Map.of();
        }
    }
}
