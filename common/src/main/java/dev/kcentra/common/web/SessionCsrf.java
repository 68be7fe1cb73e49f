package dev.kcentra.common.web;

import org.keycloak.common.util.SecretGenerator;
import org.keycloak.models.UserSessionModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The anti-forgery value of an end-user page: random per browser session, kept in a session note, rendered into the
 * page's forms and compared in constant time when a form comes back.
 */
public final class SessionCsrf {

    private final String note;

    public SessionCsrf(String note) {
        this.note = note;
    }

    /** The session's value, created on first use. */
    public String value(UserSessionModel userSession) {
        String value = userSession.getNote(note);
        if (value == null) {
            value = SecretGenerator.getInstance().randomString(32);
            userSession.setNote(note, value);
        }
        return value;
    }

    public boolean matches(UserSessionModel userSession, String given) {
        String expected = userSession.getNote(note);
        return given != null && expected != null
                && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
