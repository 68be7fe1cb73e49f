package dev.kcentra.browser;

import dev.kcentra.testsupport.AdminApi;
import org.keycloak.representations.idm.SynchronizationResultRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The demo realm as the browser suite meets it: its Entra users synced from the stand-in, and the admin console. */
final class DemoRealm {

    static final String ADMIN_CONSOLE = "http://localhost:8080/admin/master/console/";

    private DemoRealm() {
    }

    /** Admin REST as the master realm's admin; one instance keeps its token for all the calls of a test. */
    static AdminApi admin() {
        return new AdminApi("http://localhost:8080", "admin", "admin");
    }

    /** Runs the realm's Entra ID connection's full sync, as the demo does at start. */
    static void syncEntraUsers(ManagedRealm realm) {
        String connection = realm.admin().components().query(realm.getId(), "org.keycloak.storage.UserStorageProvider").get(0).getId();
        SynchronizationResultRepresentation result = realm.admin().userStorage().syncUsers(connection, "triggerFullSync");
        assertEquals(0, result.getFailed(), result.getStatus());
    }

    /** Opens the admin console at {@code route} of the realm and signs the master realm's admin in. */
    static void signInToConsole(Chromium browser, ManagedRealm realm, String route) {
        browser.open(URI.create(ADMIN_CONSOLE + "#/" + realm.getName() + "/" + route));
        browser.await(driver -> !driver.findElements(By.id("kc-form-login")).isEmpty());
        browser.submit("kc-form-login", Map.of("username", "admin", "password", "admin"));
    }
}
