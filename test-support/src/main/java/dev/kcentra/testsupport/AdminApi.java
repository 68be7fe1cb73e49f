package dev.kcentra.testsupport;

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

/** The few Keycloak admin REST calls the demo and the benchmarks make, with a master-realm admin's token. */
public final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration SYNC_TIMEOUT = Duration.ofHours(2);

    private final String keycloakUrl;
    private final String user;
    private final String password;
    private String token;
    private long tokenAt;

    public AdminApi(String keycloakUrl, String user, String password) {
        this.keycloakUrl = keycloakUrl;
        this.user = user;
        this.password = password;
    }

    public void createRealm(String realm) throws IOException, InterruptedException {
        send("POST", "/admin/realms", JSON.writeValueAsString(java.util.Map.of("realm", realm, "enabled", true)), Duration.ofMinutes(1));
    }

    /** Creates a realm from a realm representation (an export, as JSON). */
    public void importRealm(String realmJson) throws IOException, InterruptedException {
        send("POST", "/admin/realms", realmJson, Duration.ofMinutes(1));
    }

    /** @return the new component's id */
    public String addComponent(String realm, Object component) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/admin/realms/" + realm + "/components", JSON.writeValueAsString(component), Duration.ofMinutes(1));
        String location = response.headers().firstValue("Location").orElseThrow(() -> new IOException("no Location for the new component"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(send("GET", path, null, Duration.ofMinutes(1)).body());
    }

    /** Runs a user-federation sync and waits for its result ({@code triggerFullSync} or {@code triggerChangedUsersSync}). */
    public JsonNode sync(String realm, String componentId, String action) throws IOException, InterruptedException {
        return JSON.readTree(send("POST", "/admin/realms/" + realm + "/user-storage/" + componentId + "/sync?action=" + action, null, SYNC_TIMEOUT).body());
    }

    /** Any admin REST call; a non-2xx answer is an {@link IOException} with the body. */
    public HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        return send(method, path, json, Duration.ofMinutes(1));
    }

    private HttpResponse<String> send(String method, String path, String json, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloakUrl + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token());
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** A token at most 20 s old at the call: admin tokens live one minute and a sync can take longer. */
    private synchronized String token() throws IOException, InterruptedException {
        if (token != null && System.nanoTime() - tokenAt < 20_000_000_000L) {
            return token;
        }
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("cannot get an admin token (HTTP " + response.statusCode() + "): " + response.body());
        }
        token = JSON.readTree(response.body()).get("access_token").asText();
        tokenAt = System.nanoTime();
        return token;
    }
}
