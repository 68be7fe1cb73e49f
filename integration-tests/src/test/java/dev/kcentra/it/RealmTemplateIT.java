package dev.kcentra.it;

import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.testsupport.Browser;
import dev.kcentra.testsupport.DemoStandIn;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.RelyingApp;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.SynchronizationResultRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.util.JsonSerialization;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production template (realm-config {@code realms/entra-realm-template.json}) imported as an admin would, with
 * its placeholders filled in (Keycloak's {@code --import-realm} fills them from environment variables) and Microsoft's
 * addresses swapped for the stand-in's: it syncs, and once the admin turns SSO on, Entra users sign in with Microsoft.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class RealmTemplateIT {

    /** The stand-in's app registration lists this realm's broker endpoint as its redirect URI, as Microsoft would. */
    private static final String REALM = "entra-demo";

    @InjectAdminClient
    Keycloak admin;

    private final EntraStandIn entra = DemoStandIn.get();

    @AfterEach
    void removeRealm() {
        admin.realm(REALM).remove();
    }

    @Test
    void theTemplateFilledInSyncsAndSignsEntraUsersInWithMicrosoft() throws Exception {
        String json = template()
                .replace("${KCENTRA_REALM}", REALM)
                .replace("${KCENTRA_REALM_DISPLAY_NAME}", "Contoso")
                .replace("${ENTRA_TENANT_ID}", DemoStandIn.TENANT_ID)
                .replace("${ENTRA_CLIENT_ID}", "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c")
                .replace("${ENTRA_CLIENT_SECRET}", "demo-broker-secret")
                .replace("${ENTRA_DOMAIN}", "contoso.example")
                .replace("https://login.microsoftonline.com", entra.loginBaseUrl());
        assertTrue(!json.contains("${"), "every placeholder filled");
        RealmRepresentation rep = JsonSerialization.readValue(json, RealmRepresentation.class);
        rep.setSslRequired("none");
        // The stand-in answers for Microsoft's login and Graph: the connection's "custom" cloud, as in the demo realm.
        Map<String, List<String>> connection = rep.getComponents().get("org.keycloak.storage.UserStorageProvider").get(0).getConfig();
        connection.put("cloud", List.of("custom"));
        connection.put("authorityUrl", List.of(entra.loginBaseUrl()));
        connection.put("graphUrl", List.of("http://127.0.0.1:" + DemoStandIn.GRAPH_PORT));
        admin.realms().create(rep);
        RealmResource realm = admin.realm(REALM);

        ComponentRepresentation entraConnection = realm.components().query(realm.toRepresentation().getId(), "org.keycloak.storage.UserStorageProvider").get(0);
        SynchronizationResultRepresentation synced = realm.userStorage().syncUsers(entraConnection.getId(), "triggerFullSync");
        assertEquals(0, synced.getFailed(), synced.getStatus());
        assertTrue(synced.getAdded() > 0, synced.getStatus());

        entraConnection.getConfig().putSingle("ssoEnabled", "true");
        entraConnection.getConfig().putSingle("ssoForAllSynced", "true");
        realm.components().component(entraConnection.getId()).update(entraConnection);

        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("contoso-app");
        client.setPublicClient(true);
        client.setRedirectUris(List.of("http://127.0.0.1/*"));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256"));
        realm.clients().create(client).close();

        String issuer = admin.realm(REALM).toRepresentation().getRealm();
        try (RelyingApp app = RelyingApp.start("http://localhost:8080/realms/" + issuer, "contoso-app"); Browser browser = new Browser()) {
            HtmlPage identifier = browser.open(app.authorizationRequest());
            HtmlPage microsoft = browser.submit(identifier, "kc-form-login", Map.of("username", "adele.vance@contoso.example"));
            assertTrue(microsoft.getUrl().toString().startsWith(entra.loginBaseUrl()), microsoft.getUrl().toString());
            browser.submit(microsoft, "signin", Map.of("passwd", "Entra-Demo-1!"));
            assertTrue(app.lastResult() != null && app.lastResult().succeeded(), () -> String.valueOf(app.lastResult()));
            assertEquals("adele.vance@contoso.example", app.lastResult().idToken().getClaim("preferred_username"));
        }
    }

    private static String template() throws Exception {
        try (InputStream in = RealmTemplateIT.class.getResourceAsStream("/realms/entra-realm-template.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
