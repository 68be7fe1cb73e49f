package dev.kcentra.it;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.realm.ManagedRealm;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The vault's admin REST ({@code /admin/realms/{realm}/kcentra-vault}) called as the test framework's admin. */
final class VaultAdminCalls extends AdminRestCalls {

    /** Younger than the test server's fresh-sign-in limit for reveals and changes of where a password goes. */
    private static final long FRESH_MILLIS = 5_000;

    private final Keycloak admin;
    private String freshToken;
    private long freshAt;

    VaultAdminCalls(ManagedRealm realm, Keycloak admin) {
        super(realm, admin, "kcentra-vault");
        this.admin = admin;
    }

    /** As an admin who signed in a moment ago; {@link #sendAs} with an older token tests a stale session. */
    @Override
    HttpResponse<String> send(String method, String path, String json) throws Exception {
        if (freshToken == null || System.currentTimeMillis() - freshAt > FRESH_MILLIS) {
            freshAt = System.currentTimeMillis();
            freshToken = admin.tokenManager().grantToken().getToken();
        }
        return sendAs(freshToken, method, path, json);
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
