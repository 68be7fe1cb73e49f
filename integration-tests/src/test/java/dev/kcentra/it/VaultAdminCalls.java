package dev.kcentra.it;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.realm.ManagedRealm;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The vault's admin REST ({@code /admin/realms/{realm}/kcentra-vault}) called as the test framework's admin. */
final class VaultAdminCalls extends AdminRestCalls {

    VaultAdminCalls(ManagedRealm realm, Keycloak admin) {
        super(realm, admin, "kcentra-vault");
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
}
