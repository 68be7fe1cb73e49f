package dev.kcentra.vault.launch;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.theme.FreeMarkerException;
import org.keycloak.theme.Theme;
import org.keycloak.theme.beans.MessageFormatterMethod;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages that carry a launch token or a credential: a form that posts itself at once to its one target. Rendered
 * from the login theme's {@code kcentra-launch.ftl} with nothing but its messages (no theme scripts, so the strict CSP
 * holds), and sent never stored, never framed, without Referer, running only its own nonce script.
 */
final class HandOffPage {

    private static final long MESSAGES_MILLIS = 60_000;
    private static final Map<String, Messages> MESSAGES = new ConcurrentHashMap<>();

    /** This page's few texts for one realm, theme and locale; re-read after a minute, so an admin's edit shows soon. */
    private record Messages(Properties texts, long until) {
    }

    private HandOffPage() {
    }

    /** Copying a theme's whole message bundle with the realm's overrides at every launch would cost more than the page. */
    private static Properties messages(KeycloakSession session, Theme theme, Locale locale) throws IOException {
        String key = session.getContext().getRealm().getId() + '|' + theme.getName() + '|' + locale.toLanguageTag();
        long now = System.currentTimeMillis();
        Messages cached = MESSAGES.get(key);
        if (cached != null && cached.until() > now) {
            return cached.texts();
        }
        Properties texts = new Properties();
        theme.getEnhancedMessages(session.getContext().getRealm(), locale).forEach((name, text) -> {
            if (name.toString().startsWith("kcentraLaunch")) {
                texts.put(name, text);
            }
        });
        if (MESSAGES.size() > 1000) {
            MESSAGES.clear();
        }
        MESSAGES.put(key, new Messages(texts, now + MESSAGES_MILLIS));
        return texts;
    }

    static Response render(KeycloakSession session, UserModel user, String appName, URI target, List<MyAppsResource.HiddenField> fields) {
        String nonce = SecretGenerator.getInstance().randomString(24);
        String html;
        try {
            Theme theme = session.theme().getTheme(Theme.Type.LOGIN);
            Locale locale = session.getContext().resolveLocale(user);
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("msg", new MessageFormatterMethod(locale, messages(session, theme, locale)));
            attributes.put("kcentraLang", locale.toLanguageTag());
            attributes.put("kcentraAppName", appName);
            attributes.put("kcentraTarget", target.toString());
            attributes.put("kcentraFields", fields);
            attributes.put("kcentraNonce", nonce);
            html = session.getProvider(FreeMarkerProvider.class).processTemplate(attributes, "kcentra-launch.ftl", theme);
        } catch (IOException | FreeMarkerException e) {
            throw new IllegalStateException("the launch page cannot be rendered", e);
        }
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
        String origin = target.getScheme() + "://" + target.getRawAuthority();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'self'; img-src 'self'; "
                        + "form-action " + origin + "; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "none")
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .build();
    }
}
