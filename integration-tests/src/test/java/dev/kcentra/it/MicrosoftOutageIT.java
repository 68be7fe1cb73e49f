package dev.kcentra.it;

import dev.kcentra.standin.fault.Fault;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.IdentityProviderResource;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When Microsoft does not answer, SSO users get a themed page that says so (never a password form), admins get an
 * event, and password users sign in as usual.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class MicrosoftOutageIT {

    private static final String ALEX = "alex.wilber@fabrikam.example";
    private static final String LOCAL = "local.clash@fabrikam.example";
    private static final String LOCAL_PASSWORD = "Local-Password-1!";
    private static final String AUTHORIZE = ".*/oauth2/v2\\.0/authorize";
    private static final String TOKEN = ".*/oauth2/v2\\.0/token";
    private static final String OUTAGE_MESSAGE = "Status: https://status.fabrikam.example";

    @InjectRealm(ref = "sync", fromJson = SyncTenant.REALM_JSON)
    ManagedRealm realm;

    private SignInScene scene;

    @BeforeEach
    void start() {
        scene = new SignInScene(realm).synced().ssoForAllSynced();
        scene.tenant.updateConnection("outageMessage", OUTAGE_MESSAGE);
        realm.admin().clearEvents();
    }

    @AfterEach
    void stop() {
        scene.close();
    }

    @Test
    void anAuthorizeEndpointFailingWithServerErrorsGivesSsoUsersTheOutagePage() {
        scene.tenant.entra.faults().add(Fault.unavailable(AUTHORIZE, 0, 0));
        assertOutagePage(scene.identify(ALEX));
        assertTrue(loginErrors().stream().anyMatch(e -> "entra_unavailable".equals(e.getError())
                && "entra".equals(e.getDetails().get("identity_provider"))), "an event for admins");

        assertPasswordUserSignsIn();
    }

    @Test
    void microsoftNotAnsweringInTimeGivesTheOutagePageWithinTheTimeout() {
        scene.tenant.entra.faults().add(Fault.slow(AUTHORIZE, 10_000, 0));
        Instant started = Instant.now();
        HtmlPage page = scene.identify(ALEX);
        assertOutagePage(page);
        assertTrue(Duration.between(started, Instant.now()).toMillis() < 8_000, "the probe gives up after its timeout");
    }

    @Test
    void microsoftUnreachableGivesTheOutagePage() {
        scene.tenant.entra.close();
        assertOutagePage(scene.identify(ALEX));
        assertPasswordUserSignsIn();
    }

    @Test
    void aTokenEndpointOutageAfterTheMicrosoftSignInGivesTheOutagePage() {
        HtmlPage microsoft = scene.identify(ALEX);
        assertTrue(microsoft.getUrl().toString().startsWith(scene.tenant.entra.loginBaseUrl()), () -> "at Microsoft: " + microsoft.getUrl());
        scene.tenant.entra.faults().add(Fault.unavailable(TOKEN, 0, 0));
        HtmlPage after = scene.browser.submit(microsoft, "signin", Map.of("passwd", "Sync-Test-1!"));
        assertOutagePage(after);
        assertNull(scene.app.lastResult(), "no code reached the app");
        List<EventRepresentation> events = realm.admin().getEvents(List.of("IDENTITY_PROVIDER_LOGIN_ERROR"), null, null, null, null, null, null, null);
        assertTrue(events.stream().anyMatch(e -> "entra_unavailable".equals(e.getError())), "an event for admins: " + events);
    }

    @Test
    void aTokenEndpointThatAnswersWithAnErrorIsNotAnOutage() {
        HtmlPage microsoft = scene.identify(ALEX);
        scene.tenant.entra.faults().add(new Fault(TOKEN, 400, 0, 0, 0));
        HtmlPage after = scene.browser.submit(microsoft, "signin", Map.of("passwd", "Sync-Test-1!"));
        assertFalse(after.asXml().contains("kcentra-microsoft-unavailable.ftl"), after::asNormalizedText);
        assertTrue(after.asNormalizedText().contains("Unexpected error when authenticating with identity provider"), after::asNormalizedText);
        assertNull(scene.app.lastResult());
    }

    /**
     * Issue 18's bug: with the Entra identity provider disabled (or deleted) the router sent SSO users to a password
     * page whose every password SSO refuses. They get the outage page instead; password users are unaffected.
     */
    @Test
    void aDisabledEntraIdentityProviderGivesSsoUsersTheOutagePageNotAPasswordPage() {
        IdentityProviderResource entra = realm.admin().identityProviders().get("entra");
        IdentityProviderRepresentation provider = entra.toRepresentation();
        provider.setEnabled(false);
        entra.update(provider);
        try {
            assertOutagePage(scene.identify(ALEX));
            assertTrue(loginErrors().stream().anyMatch(e -> "entra_unavailable".equals(e.getError())
                    && "identity_provider_disabled_or_missing".equals(e.getDetails().get("reason"))), "an event that says why");
            assertPasswordUserSignsIn();
        } finally {
            provider.setEnabled(true);
            entra.update(provider);
        }
    }

    private void assertOutagePage(HtmlPage page) {
        assertTrue(page.asXml().contains("template: kcentra-microsoft-unavailable.ftl"),
                () -> "expected the outage page at " + page.getUrl() + "\n" + page.asNormalizedText());
        assertEquals(503, page.getWebResponse().getStatusCode());
        String text = page.asNormalizedText();
        assertTrue(text.contains("Microsoft sign-in is unavailable right now"), text);
        assertTrue(text.contains(OUTAGE_MESSAGE), text);
        assertTrue(page.getElementsByTagName("input").stream().noneMatch(i -> "password".equals(i.getAttribute("type"))),
                "SSO users never fall back to a password");
        assertTrue(page.getElementById("kcentra-try-again") != null, "a way to start over");
    }

    private void assertPasswordUserSignsIn() {
        HtmlPage passwordPage = scene.identify(LOCAL);
        assertTrue(passwordPage.asXml().contains("template: kcentra-password.ftl"), passwordPage::asNormalizedText);
        scene.browser.submit(passwordPage, "kc-form-login", Map.of("password", LOCAL_PASSWORD));
        assertTrue(scene.app.lastResult() != null && scene.app.lastResult().succeeded(), "password users are unaffected");
    }

    private List<EventRepresentation> loginErrors() {
        return realm.admin().getEvents(List.of("LOGIN_ERROR"), null, null, null, null, null, null, null);
    }

}
