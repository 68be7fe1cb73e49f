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

/** The vault's admin REST ({@code /admin/realms/{realm}/kcentra-vault}) called as the test framework's admin. */
final class VaultAdminCalls {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ManagedRealm realm;
    private final Keycloak admin;

    VaultAdminCalls(ManagedRealm realm, Keycloak admin) {
        this.realm = realm;
        this.admin = admin;
    }

    URI uri(String path) {
        return URI.create(realm.getBaseUrl().replace("/realms/", "/admin/realms/") + "/kcentra-vault/" + path);
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

    /** Creates a form-login app and returns its id. */
    String createFormApp(String name, URI loginUrl) throws Exception {
        return createApp("{\"name\": " + json(name) + ", \"loginUrl\": " + json(loginUrl.toString()) + ", \"injection\": \"form\","
                + " \"usernameField\": \"user\", \"passwordField\": \"pass\"}");
    }

    String createApp(String json) throws Exception {
        HttpResponse<String> created = send("POST", "apps", json);
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    void setCredential(String appId, String username, String password) throws Exception {
        HttpResponse<String> response = send("PUT", "apps/" + appId + "/credential", credential(username, password));
        assertEquals(204, response.statusCode(), response.body());
    }

    void assign(String appId, String groupId) throws Exception {
        HttpResponse<String> response = send("PUT", "apps/" + appId + "/groups/" + groupId, "");
        assertEquals(204, response.statusCode(), response.body());
    }

    static String credential(String username, String password) throws Exception {
        return "{\"username\": " + json(username) + ", \"password\": " + json(password) + "}";
    }

    static String json(String value) throws Exception {
        return JsonSerialization.writeValueAsString(value);
    }
}
