package dev.kcentra.vault.admin;

import dev.kcentra.vault.store.PasswordAppEntity;
import jakarta.ws.rs.core.Response;
import org.keycloak.services.ErrorResponse;

import java.net.URI;
import java.util.Locale;

/** A password app's settings as an admin sends them, checked: every refusal says what to fix. */
record AppSettings(String name, String loginUrl, String injection, String usernameField, String passwordField, String description) {

    static AppSettings validate(VaultAdminResource.AppRepresentation app) {
        if (app == null || app.name() == null || app.name().isBlank() || app.name().length() > 255) {
            throw bad("A password app needs a name of at most 255 characters.");
        }
        String url = app.loginUrl() == null ? "" : app.loginUrl().trim();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw bad("The login URL is not a URL.");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null || url.length() > 2048) {
            throw bad("The login URL must be an absolute http(s) URL.");
        }
        String injection = app.injection() == null ? "form" : app.injection().trim().toLowerCase(Locale.ROOT);
        if (!injection.equals("form") && !injection.equals("basic")) {
            throw bad("Injection must be 'form' (posted login form) or 'basic' (HTTP Basic).");
        }
        String usernameField = blankToNull(app.usernameField());
        String passwordField = blankToNull(app.passwordField());
        if (injection.equals("form") && (usernameField == null || passwordField == null)) {
            throw bad("Form injection needs the names of the username and password fields.");
        }
        String description = blankToNull(app.description());
        if (description != null && description.length() > 1024) {
            throw bad("The description is longer than 1024 characters.");
        }
        return new AppSettings(app.name().trim(), url, injection, usernameField, passwordField, description);
    }

    void applyTo(PasswordAppEntity entity) {
        entity.setName(name);
        entity.setLoginUrl(loginUrl);
        entity.setInjection(injection);
        entity.setUsernameField(usernameField);
        entity.setPasswordField(passwordField);
        entity.setDescription(description);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static RuntimeException bad(String message) {
        return ErrorResponse.error(message, Response.Status.BAD_REQUEST);
    }
}
