package dev.kcentra.vault.launch;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.FreeMarkerException;
import org.keycloak.theme.Theme;
import org.keycloak.theme.ThemeSelectorProvider;
import org.keycloak.theme.beans.MessageFormatterMethod;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The pages that carry a launch token or a credential: a form that posts itself at once to its one target. Rendered
 * from the login theme's {@code kcentra-launch.ftl} with nothing but its messages (no theme scripts, so the strict CSP
 * holds), and sent never stored, never framed, without Referer, running only its own nonce script.
 */
final class HandOffPage {

    private static final MinuteCache<Properties> TEXTS = new MinuteCache<>();
    private static final MinuteCache<String> THEME_NAMES = new MinuteCache<>();

    private HandOffPage() {
    }

    /** Copying a theme's whole message bundle with the realm's overrides at every launch would cost more than the page. */
    private static Properties messages(KeycloakSession session, Theme theme, Locale locale) {
        RealmModel realm = session.getContext().getRealm();
        return TEXTS.get(realm.getId() + '|' + theme.getName() + '|' + locale.toLanguageTag(), () -> {
            Properties texts = new Properties();
            try {
                theme.getEnhancedMessages(realm, locale).forEach((name, text) -> {
                    if (name.toString().startsWith("kcentraLaunch")) {
                        texts.put(name, text);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return texts;
        });
    }

    /** The realm's login theme as Keycloak's theme selector names it; asking costs a configuration lookup per launch. */
    private static Theme theme(KeycloakSession session) throws IOException {
        RealmModel realm = session.getContext().getRealm();
        String name = THEME_NAMES.get(realm.getId() + '|' + realm.getLoginTheme(),
                () -> session.getProvider(ThemeSelectorProvider.class).getThemeName(Theme.Type.LOGIN));
        return session.theme().getTheme(name, Theme.Type.LOGIN);
    }

    static Response render(KeycloakSession session, UserModel user, String appName, URI target, List<MyAppsResource.HiddenField> fields) {
        String nonce = SecretGenerator.getInstance().randomString(24);
        String html;
        try {
            Theme theme = theme(session);
            Locale locale = session.getContext().resolveLocale(user);
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("msg", new MessageFormatterMethod(locale, messages(session, theme, locale)));
            attributes.put("kcentraLang", locale.toLanguageTag());
            attributes.put("kcentraAppName", appName);
            attributes.put("kcentraTarget", target.toString());
            attributes.put("kcentraFields", fields);
            attributes.put("kcentraNonce", nonce);
            html = session.getProvider(FreeMarkerProvider.class).processTemplate(attributes, "kcentra-launch.ftl", theme);
        } catch (IOException | UncheckedIOException | FreeMarkerException e) {
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
