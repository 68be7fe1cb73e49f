package dev.kcentra.it;

import dev.kcentra.testsupport.Browser;
import dev.kcentra.testsupport.RelyingApp;
import org.htmlunit.html.HtmlPage;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a sign-in test on the {@code entra-sync} realm works with: the Entra stand-in tenant, a browser, and the
 * relying app {@code demo-app}. One per test; closing it removes the connection and the users it synced.
 */
final class SignInScene implements AutoCloseable {

    final SyncTenant tenant;
    final Browser browser = new Browser();
    final RelyingApp app;
    private final ManagedRealm realm;

    SignInScene(ManagedRealm realm) {
        this(realm, java.util.function.UnaryOperator.identity());
    }

    /** @param seedEdit changes the stand-in's seed text, as {@link SyncTenant#SyncTenant(ManagedRealm, java.util.function.UnaryOperator)} */
    SignInScene(ManagedRealm realm, java.util.function.UnaryOperator<String> seedEdit) {
        this.realm = realm;
        this.tenant = new SyncTenant(realm, seedEdit);
        this.app = RelyingApp.start(realm.getBaseUrl(), "demo-app");
    }

    /** Connects the realm to the stand-in tenant and imports its users. */
    SignInScene synced() {
        tenant.connect(tenant.secretConnection());
        tenant.fullSync();
        return this;
    }

    /** "Enable SSO" and "Enable for all synced users" on. */
    SignInScene ssoForAllSynced() {
        tenant.updateConnection("ssoEnabled", "true");
        tenant.updateConnection("ssoForAllSynced", "true");
        return this;
    }

    /** A fresh browser session: the authorization request, then the identifier page submitted. */
    HtmlPage identify(String identifier) {
        browser.webClient().getCookieManager().clearCookies();
        HtmlPage page = browser.open(app.authorizationRequest());
        return browser.submit(page, "kc-form-login", Map.of("username", identifier));
    }

    /** A user's own SSO flag ({@code entra.sso}), as an admin sets it. */
    void setSsoFlag(String username, String value) {
        UserRepresentation user = realm.admin().users().get(tenant.user(username).getId()).toRepresentation();
        Map<String, List<String>> attributes = new HashMap<>(user.getAttributes() == null ? Map.of() : user.getAttributes());
        attributes.put("entra.sso", List.of(value));
        user.setAttributes(attributes);
        realm.admin().users().get(user.getId()).update(user);
    }

    static void assertTemplate(HtmlPage page, String template) {
        assertTrue(page.asXml().contains("template: " + template),
                () -> "expected " + template + " at " + page.getUrl() + "\n" + page.asNormalizedText());
    }

    static CredentialRepresentation password(String value) {
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(value);
        password.setTemporary(false);
        return password;
    }

    @Override
    public void close() {
        app.close();
        browser.close();
        tenant.close();
    }
}
