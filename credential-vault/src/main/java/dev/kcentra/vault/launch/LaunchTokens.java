package dev.kcentra.vault.launch;

import dev.kcentra.common.web.BrowserSession;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Single-use launch tokens: 32 random bytes, valid for a few seconds (at most 30), bound to the browser session that
 * asked and to one app. Taking one removes it, cluster-wide, so a replay finds nothing.
 */
final class LaunchTokens {

    static final int MAX_SECONDS = 30;
    private static final String PREFIX = "kcentra-vault-launch.";
    private static final String USED = ".used";

    /**
     * What a token stands for: who asked, in which browser session (as its identity cookie was verified then), to open
     * which app (its name for the events).
     */
    record Launch(BrowserSession.Seen browser, String userId, String appId, String appName) {
        Map<String, String> notes() {
            return Map.of("session", browser.userSessionId(), "cookie", browser.cookieHash(), "cookieExpires", String.valueOf(browser.expires()),
                    "cookieIssued", String.valueOf(browser.issuedAt()), "user", userId, "app", appId, "appName", appName);
        }

        static Launch of(Map<String, String> notes) {
            return new Launch(new BrowserSession.Seen(notes.get("session"), notes.get("cookie"), Integer.parseInt(notes.get("cookieExpires")),
                    Integer.parseInt(notes.get("cookieIssued"))), notes.get("user"), notes.get("app"), notes.get("appName"));
        }
    }

    record Taken(Launch launch, boolean expired, boolean replayed) {
        boolean usable() {
            return !expired && !replayed;
        }
    }

    private final SingleUseObjectProvider store;
    private final int lifespanSeconds;

    LaunchTokens(KeycloakSession session, int lifespanSeconds) {
        this.store = session.singleUseObjects();
        this.lifespanSeconds = Math.max(1, Math.min(lifespanSeconds, MAX_SECONDS));
    }

    String issue(Launch launch) {
        String token = SecretGenerator.getInstance().randomString(43);
        // Kept a minute past its validity so that a late or replayed use is still logged with its user and app.
        Map<String, String> notes = new HashMap<>(launch.notes());
        notes.put("expires", String.valueOf(Time.currentTime() + lifespanSeconds));
        store.put(PREFIX + token, lifespanSeconds + 60L, notes);
        return token;
    }

    /**
     * What a token was issued for. The first take removes it (atomically, cluster-wide) and leaves a marker, so a
     * replay is recognised and logged with its user and app, yet never {@link Taken#usable()}.
     */
    Optional<Taken> take(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        Map<String, String> notes = store.remove(PREFIX + token);
        boolean replayed = notes == null;
        if (replayed) {
            notes = store.get(PREFIX + token + USED);
            if (notes == null) {
                return Optional.empty();
            }
        } else {
            store.put(PREFIX + token + USED, lifespanSeconds + 60L, notes);
        }
        boolean expired = Integer.parseInt(notes.get("expires")) < Time.currentTime();
        return Optional.of(new Taken(Launch.of(notes), expired, replayed));
    }
}
