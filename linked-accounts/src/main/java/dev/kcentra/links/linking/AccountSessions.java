package dev.kcentra.links.linking;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.UserSessionManager;

/**
 * Ends everything an account signed in before it was linked, as the admin console's "sign out" does: its sessions
 * (with back-channel logout to the apps), its offline sessions, and tokens issued before now.
 */
public final class AccountSessions {

    private AccountSessions() {
    }

    public static void endAll(KeycloakSession session, RealmModel realm, UserModel user) {
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        session.sessions().getUserSessionsStream(realm, user).toList()
                .forEach(userSession -> AuthenticationManager.backchannelLogout(session, realm, userSession, session.getContext().getUri(),
                        session.getContext().getConnection(), session.getContext().getRequestHeaders(), true));
        UserSessionManager offline = new UserSessionManager(session);
        session.sessions().getOfflineUserSessionsStream(realm, user).toList().forEach(offline::revokeOfflineUserSession);
    }
}
