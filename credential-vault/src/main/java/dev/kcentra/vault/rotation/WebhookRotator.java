package dev.kcentra.vault.rotation;

import dev.kcentra.common.net.OutboundAddressGuard;
import dev.kcentra.common.net.RefusedDestinationException;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Posts the change as JSON ({@code {username, currentPassword, newPassword}}, field names configurable) with the
 * shared secret as {@code Authorization: Bearer}. A 2xx answer confirms; any other answer, a timeout or a refused
 * connection does not, and the message says which (never a password, never the answer's body). The current password
 * goes only to the app's own origin (unless the server allows others) and never into the server's own networks
 * (unless {@link OutboundAddressGuard} allows them), both checked at every change.
 */
final class WebhookRotator implements PasswordRotator {

    private final HttpClient http;
    private final Duration timeout;
    private final boolean allowOtherOrigins;
    private final OutboundAddressGuard guard;

    WebhookRotator(HttpClient http, Duration timeout, boolean allowOtherOrigins, OutboundAddressGuard guard) {
        this.http = http;
        this.timeout = timeout;
        this.allowOtherOrigins = allowOtherOrigins;
        this.guard = guard;
    }

    @Override
    public Outcome change(Change change) {
        RotationPolicy.Webhook webhook = change.policy().webhook();
        if (webhook == null) {
            return Outcome.failed("no webhook configured");
        }
        if (change.sharedSecret() == null) {
            return Outcome.failed("no webhook secret stored for this app");
        }
        String originProblem = allowOtherOrigins ? null : originProblem(webhook.url(), change.loginUrl());
        if (originProblem != null) {
            return Outcome.failed(originProblem);
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put(webhook.usernameField(), change.username());
        body.put(webhook.currentPasswordField(), change.currentPassword());
        body.put(webhook.newPasswordField(), change.newPassword());
        try {
            URI url = URI.create(webhook.url());
            guard.check(url);
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + change.sharedSecret())
                    .method(webhook.method(), HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(body)))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return Outcome.confirmed("the app answered " + response.statusCode());
            }
            return Outcome.failed("the app's password-change endpoint answered " + response.statusCode());
        } catch (RefusedDestinationException e) {
            return Outcome.failed(e.getMessage());
        } catch (IOException e) {
            return Outcome.failed("the app's password-change endpoint could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
        }
    }

    /** Null when the webhook is on the login URL's origin (scheme, host and port), else what to fix. */
    static String originProblem(String webhookUrl, String loginUrl) {
        String app = origin(loginUrl);
        if (app != null && app.equals(origin(webhookUrl))) {
            return null;
        }
        return "The webhook URL must be on the app's own origin " + app + " (its login URL's scheme, host and port); other "
                + "origins only with the server option --spi-kcentra-vault-rotator--webhook--" + WebhookRotatorFactory.ALLOW_OTHER_ORIGINS + "=true.";
    }

    private static String origin(String url) {
        try {
            URI uri = URI.create(url == null ? "" : url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
