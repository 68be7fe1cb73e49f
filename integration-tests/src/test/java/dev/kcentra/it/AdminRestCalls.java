package dev.kcentra.it;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An admin REST extension of ours ({@code /admin/realms/{realm}/<extension>}) called as the test framework's admin. */
class AdminRestCalls {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ManagedRealm realm;
    private final Keycloak admin;
    private final String extension;

    AdminRestCalls(ManagedRealm realm, Keycloak admin, String extension) {
        this.realm = realm;
        this.admin = admin;
        this.extension = extension;
    }

    URI uri(String path) {
        return URI.create(realm.getBaseUrl().replace("/realms/", "/admin/realms/") + "/" + extension + "/" + path);
    }

    HttpResponse<String> send(String method, String path, String json) throws Exception {
        return sendAs(admin.tokenManager().getAccessTokenString(), method, path, json);
    }

    HttpResponse<String> sendAs(String token, String method, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, "");
        assertEquals(200, response.statusCode(), response.body());
        return JsonSerialization.readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    java.util.List<Map<String, Object>> list(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, "");
        assertEquals(200, response.statusCode(), response.body());
        return JsonSerialization.readValue(response.body(), java.util.List.class);
    }

    static String json(String value) throws Exception {
        return JsonSerialization.writeValueAsString(value);
    }
}
