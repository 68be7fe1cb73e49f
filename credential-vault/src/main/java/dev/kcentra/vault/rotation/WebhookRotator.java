package dev.kcentra.vault.rotation;

import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts the change as JSON ({@code {username, currentPassword, newPassword}}, field names configurable) with the
 * shared secret as {@code Authorization: Bearer}. A 2xx answer confirms; any other answer, a timeout or a refused
 * connection does not, and the message says which (never a password).
 */
final class WebhookRotator implements PasswordRotator {

    private final HttpClient http;
    private final Duration timeout;

    WebhookRotator(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
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
        Map<String, String> body = new LinkedHashMap<>();
        body.put(webhook.usernameField(), change.username());
        body.put(webhook.currentPasswordField(), change.currentPassword());
        body.put(webhook.newPasswordField(), change.newPassword());
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url())).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + change.sharedSecret())
                    .method(webhook.method(), HttpRequest.BodyPublishers.ofString(JsonSerialization.writeValueAsString(body)))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return Outcome.confirmed("the app answered " + response.statusCode());
            }
            return Outcome.failed("the app's password-change endpoint answered " + response.statusCode());
        } catch (IOException e) {
            return Outcome.failed("the app's password-change endpoint could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
        }
    }
}
