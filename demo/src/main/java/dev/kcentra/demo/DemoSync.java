package dev.kcentra.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcentra.testsupport.AdminApi;

import java.io.IOException;

/**
 * Runs the demo realm's first Entra ID full sync through the admin REST API, as an admin pressing "Synchronize all
 * users" would, so the stand-in's users exist when the banner is printed.
 */
final class DemoSync {

    private DemoSync() {
    }

    /** @return the sync's status line */
    static String fullSync(AdminApi admin, String realm) throws IOException, InterruptedException {
        for (JsonNode component : admin.get("/admin/realms/" + realm + "/components?type=org.keycloak.storage.UserStorageProvider")) {
            if ("Entra ID".equals(component.path("providerId").asText())) {
                return admin.sync(realm, component.get("id").asText(), "triggerFullSync").path("status").asText();
            }
        }
        throw new IOException("realm " + realm + " has no Entra ID connection");
    }
}
