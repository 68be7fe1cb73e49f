package dev.kcentra.it;

import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.fault.Fault;
import dev.kcentra.standin.seed.EntraUser;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.RelyingApp.SignInResult;
import jakarta.ws.rs.BadRequestException;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.IdentityProviderResource;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Microsoft sign-in through the real Keycloak with Microsoft behaving as it documents (the stand-in's defaults):
 * no {@code auth_time} in ID tokens, {@code xms_edov} only as an optional claim, AADSTS errors with trace ids, key
 * rollover; and the Entra provider's settings that follow from it (issue #16 items 8-13).
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class MicrosoftAsDocumentedIT {

    private static final String ALEX = "alex.wilber@fabrikam.example";
    private static final String PASSWORD = "Sync-Test-1!";
    private static final String BROKER_APP = "5ca1ab1e-0000-4000-8000-a00000000002";
    private static final String TOKEN = "/" + SyncTenant.TENANT + "/oauth2/v2\\.0/token";

    @InjectRealm(ref = "sync", fromJson = SyncTenant.REALM_JSON)
    ManagedRealm realm;

    private SignInScene scene;

    @BeforeEach
    void start() {
        scene = new SignInScene(realm).synced().ssoForAllSynced();
    }

    @AfterEach
    void stop() {
        scene.close();
    }

    @Test
    void aClientsMaxAgeBecomesPromptLoginAndATokenWithoutAuthTimeSignsIn() {
        HtmlPage identifier = scene.browser.open(scene.app.authorizationRequest(Map.of("max_age", "0")));
        HtmlPage microsoft = scene.browser.submit(identifier, "kc-form-login", Map.of("username", ALEX));
        Map<String, String> request = scene.tenant.entra.lastAuthorizeRequest();
        assertEquals("login", request.get("prompt"), "Microsoft's documented way to force a fresh sign-in: " + request);
        assertFalse(request.containsKey("max_age"), "max_age is no parameter of Microsoft's authorize endpoint: " + request);

        scene.browser.submit(microsoft, "signin", Map.of("passwd", PASSWORD));
        SignInResult result = scene.app.lastResult();
        assertNotNull(result, "signed in although Microsoft's ID token has no auth_time");
        assertTrue(result.succeeded(), result::error);
        assertEquals(ALEX, result.idToken().getClaim("preferred_username"));
    }

    @Test
    void aBrokeredUsersEmailIsVerifiedOnlyWhenMicrosoftSaysItsDomainIsVerified() {
        UserRepresentation unverified = brokeredUser("5ca1ab1e-0000-4000-8000-1000000000a1", "new.one@fabrikam.example");
        assertEquals(Boolean.FALSE, unverified.isEmailVerified(), "Trust email is on, but Microsoft's email claim proves nothing");

        tenant().setIdTokenOptionalClaims(BROKER_APP, List.of("xms_edov"));
        UserRepresentation verified = brokeredUser("5ca1ab1e-0000-4000-8000-1000000000a2", "new.two@fabrikam.example");
        assertEquals(Boolean.TRUE, verified.isEmailVerified(), "xms_edov: fabrikam.example is a verified domain of the tenant");
    }

    @Test
    void withoutXmsEdovASyncedTenantsVerifiedDomainsFromGraphDecide() {
        // The sync app cannot read /domains yet (403): nothing to go by, so not verified.
        UserRepresentation unverified = brokeredUser("5ca1ab1e-0000-4000-8000-1000000000a3", "new.three@fabrikam.example");
        assertEquals(Boolean.FALSE, unverified.isEmailVerified());

        tenant().grantAppRole(SyncTenant.SYNC_APP, "Domain.Read.All");
        UserRepresentation verified = brokeredUser("5ca1ab1e-0000-4000-8000-1000000000a4", "new.four@fabrikam.example");
        assertEquals(Boolean.TRUE, verified.isEmailVerified(), "fabrikam.example is a verified domain in the synced tenant's /domains");
        tenant().upsertUser(new EntraUser("5ca1ab1e-0000-4000-8000-1000000000a5", "outsider@fabrikam.example",
                "outsider@elsewhere.example", null, "Outsider", "Out", "Sider", true, EntraUser.MEMBER, null, PASSWORD));
        assertEquals(Boolean.FALSE, brokeredUserByEmail("outsider@fabrikam.example", "outsider@elsewhere.example").isEmailVerified(),
                "an address at a domain the tenant has not verified");
    }

    @Test
    void aRefusedCodeExchangeShowsAdminsMicrosoftsMessageWithoutTheTraceIds() {
        HtmlPage microsoft = scene.identify(ALEX);
        scene.tenant.entra.faults().add(new Fault(TOKEN, 400, 0, 0, 0));
        HtmlPage after = scene.browser.submit(microsoft, "signin", Map.of("passwd", PASSWORD));
        assertTrue(after.asNormalizedText().contains("Unexpected error when authenticating with identity provider"), after::asNormalizedText);
        List<EventRepresentation> events = realm.admin().getEvents(List.of("IDENTITY_PROVIDER_LOGIN_ERROR"), null, null, null, null, null, null, null);
        String reason = events.stream().map(e -> e.getDetails() == null ? null : e.getDetails().get("reason"))
                .filter(r -> r != null && r.startsWith("AADSTS")).findFirst().orElse(null);
        assertEquals("AADSTS90033: The service is temporarily unavailable (fault injected by the stand-in).", reason,
                "the AADSTS text alone: " + events);
    }

    @Test
    void scopesWithoutProfileAndEndpointsOutsideTheChosenCloudCannotBeSaved() {
        IdentityProviderResource idp = realm.admin().identityProviders().get("entra");
        IdentityProviderRepresentation original = idp.toRepresentation();
        try {
            assertThrows(BadRequestException.class, () -> idp.update(with(original, "defaultScope", "openid email")),
                    "without profile Microsoft sends no oid");
            assertThrows(BadRequestException.class, () -> idp.update(with(original, "entraCloud", "us-government")),
                    "the stand-in's endpoints are not on login.microsoftonline.us");
            idp.update(with(original, "entraCloud", "custom"));
            assertEquals("custom", idp.toRepresentation().getConfig().get("entraCloud"));
        } finally {
            idp.update(original);
        }
        scene.identify(ALEX);
        assertEquals("openid profile email", scene.tenant.entra.lastAuthorizeRequest().get("scope"));
    }

    @Test
    void afterAMicrosoftKeyRolloverTokensSignedWithTheNewKeyAreAccepted() {
        assertTrue(signIn(ALEX).succeeded());
        scene.tenant.entra.rollSigningKey();
        SignInResult afterRollover = signIn(ALEX);
        assertNotNull(afterRollover);
        assertTrue(afterRollover.succeeded(), afterRollover::error);
    }

    /**
     * A new Entra account (not synced) signs in with kc_idp_hint; Keycloak's first broker login creates the user, as it
     * does with the connection's "Microsoft sign-in for synced users only" off.
     */
    private UserRepresentation brokeredUser(String objectId, String upn) {
        tenant().upsertUser(new EntraUser(objectId, upn, upn, null, "New User", "New", "User", true, EntraUser.MEMBER, null, PASSWORD));
        return brokeredUserByEmail(upn, upn);
    }

    private UserRepresentation brokeredUserByEmail(String upn, String email) {
        // Brokered users that the connection did not sync exist only with its looser, explicit setting.
        scene.tenant.updateConnection("signInSyncedUsersOnly", "false");
        SignInResult result = signIn(upn);
        assertNotNull(result, "first broker login finished");
        assertTrue(result.succeeded(), result::error);
        List<UserRepresentation> found = realm.admin().users().searchByEmail(email, true);
        assertEquals(1, found.size(), "the brokered user: " + found);
        return found.get(0);
    }

    private SignInResult signIn(String upn) {
        scene.browser.webClient().getCookieManager().clearCookies();
        HtmlPage microsoft = scene.browser.open(scene.app.authorizationRequest(Map.of("kc_idp_hint", "entra", "login_hint", upn)));
        scene.browser.submit(microsoft, "signin", Map.of("loginfmt", upn, "passwd", PASSWORD));
        return scene.app.lastResult();
    }

    private TenantDirectory tenant() {
        return scene.tenant.entra.directory().tenant(SyncTenant.TENANT).orElseThrow();
    }

    private static IdentityProviderRepresentation with(IdentityProviderRepresentation original, String key, String value) {
        IdentityProviderRepresentation changed = new IdentityProviderRepresentation();
        changed.setAlias(original.getAlias());
        changed.setProviderId(original.getProviderId());
        changed.setEnabled(original.isEnabled());
        changed.setTrustEmail(original.isTrustEmail());
        changed.setHideOnLogin(original.isHideOnLogin());
        changed.setFirstBrokerLoginFlowAlias(original.getFirstBrokerLoginFlowAlias());
        changed.setDisplayName(original.getDisplayName());
        Map<String, String> config = new HashMap<>(original.getConfig());
        config.put(key, value);
        changed.setConfig(config);
        return changed;
    }
}
