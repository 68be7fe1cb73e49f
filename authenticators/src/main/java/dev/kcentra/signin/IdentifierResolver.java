package dev.kcentra.signin;

import dev.kcentra.sync.SyncedUserAttributes;
import dev.kcentra.sync.phone.MobileNumber;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;
import java.util.Optional;

/**
 * Finds the one user an identifier names: a username, an email address (any case) or a mobile number in any
 * common notation. An identifier that fits several users names nobody, so that a clash cannot be probed.
 */
final class IdentifierResolver {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String defaultPhoneRegion;

    IdentifierResolver(KeycloakSession session, RealmModel realm, String defaultPhoneRegion) {
        this.session = session;
        this.realm = realm;
        this.defaultPhoneRegion = defaultPhoneRegion;
    }

    /** The user an identifier names, and whether it named them by their mobile number rather than a name. */
    record Match(UserModel user, boolean byMobileNumber) {
    }

    /** The user, or empty when none or several fit. {@code identifier} is already trimmed. */
    Optional<Match> resolve(String identifier) {
        UserModel byName;
        try {
            byName = KeycloakModelUtils.findUserByNameOrEmail(session, realm, identifier);
        } catch (ModelDuplicateException ambiguous) {
            return Optional.empty();
        }
        if (byName != null) {
            return Optional.of(new Match(byName, false));
        }
        return MobileNumber.toE164(identifier, defaultPhoneRegion).flatMap(this::byMobileNumber);
    }

    private Optional<Match> byMobileNumber(String e164) {
        List<UserModel> matches = session.users()
                .searchForUserByUserAttributeStream(realm, SyncedUserAttributes.MOBILE_PHONE, e164)
                .limit(2).toList();
        return matches.size() == 1 ? Optional.of(new Match(matches.get(0), true)) : Optional.empty();
    }
}
