package dev.kcentra.vault.admin;

import dev.kcentra.vault.store.PasswordAppEntity;
import jakarta.ws.rs.core.Response;
import dev.kcentra.vault.launch.StepUp;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;

import java.net.URI;
import java.util.Locale;

/** A password app's settings as an admin sends them, checked: every refusal says what to fix. */
record AppSettings(String name, String loginUrl, String injection, String usernameField, String passwordField, String description,
                   String gatewayClientId, Integer requiredLoa, boolean gatewayOnly) {

    static AppSettings validate(VaultAdminResource.AppRepresentation app, RealmModel realm) {
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
        String gateway = blankToNull(app.gatewayClientId());
        if (gateway != null) {
            ClientModel client = realm.getClientByClientId(gateway);
            if (client == null) {
                throw bad("No client '" + gateway + "' in this realm to act as the gateway.");
            }
            if (client.isPublicClient() || client.isBearerOnly()) {
                throw bad("The gateway client '" + gateway + "' must be confidential (it authenticates with a secret or key).");
            }
        }
        boolean gatewayOnly = Boolean.TRUE.equals(app.gatewayOnly());
        if (gatewayOnly && gateway == null) {
            throw bad("A gateway-only app needs its gateway client (gatewayClientId): nothing else may hand its password over.");
        }
        Integer loa = app.requiredLoa();
        if (loa != null && (loa < 1 || loa > 10)) {
            throw bad("The required level of authentication must be between 1 and 10, or absent.");
        }
        if (loa != null && loa > StepUp.highestLevel(realm)) {
            throw bad("The realm's browser flow offers no level of authentication " + loa + ": add a 'Condition - Level of "
                    + "Authentication' step for it (with its second factor) first.");
        }
        return new AppSettings(app.name().trim(), url, injection, usernameField, passwordField, description, gateway, loa, gatewayOnly);
    }

    void applyTo(PasswordAppEntity entity) {
        entity.setName(name);
        entity.setLoginUrl(loginUrl);
        entity.setInjection(injection);
        entity.setUsernameField(usernameField);
        entity.setPasswordField(passwordField);
        entity.setDescription(description);
        entity.setGatewayClientId(gatewayClientId);
        entity.setRequiredLoa(requiredLoa);
        entity.setGatewayOnly(gatewayOnly);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static RuntimeException bad(String message) {
        return ErrorResponse.error(message, Response.Status.BAD_REQUEST);
    }
}
