package dev.kcentra.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs the demo realm's first Entra ID full sync through the admin REST API, as an admin pressing "Synchronize all
 * users" would, so the stand-in's users exist when the banner is printed.
 */
final class DemoSync {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DemoSync() {
    }

    /** @return the sync's status line */
    static String fullSync(String keycloakUrl, String realm, String adminUser, String adminPassword) throws IOException, InterruptedException {
        String token = adminToken(keycloakUrl, adminUser, adminPassword);
        String admin = keycloakUrl + "/admin/realms/" + realm;
        JsonNode components = get(admin + "/components?type=org.keycloak.storage.UserStorageProvider", token);
        for (JsonNode component : components) {
            if ("entra-id".equals(component.path("providerId").asText())) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(admin + "/user-storage/"
                                + component.get("id").asText() + "/sync?action=triggerFullSync"))
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException("Entra ID sync answered HTTP " + response.statusCode() + ": " + response.body());
                }
                return JSON.readTree(response.body()).path("status").asText();
            }
        }
        throw new IOException("realm " + realm + " has no Entra ID connection");
    }

    private static String adminToken(String keycloakUrl, String user, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("cannot get an admin token (HTTP " + response.statusCode() + "): " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static JsonNode get(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
