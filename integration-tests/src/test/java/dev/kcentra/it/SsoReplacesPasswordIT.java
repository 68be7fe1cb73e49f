package dev.kcentra.it;

import dev.kcentra.testsupport.EntraBundleServerConfig;
import jakarta.ws.rs.BadRequestException;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.kcentra.it.SignInScene.password;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For a user who signs in with Microsoft no password authenticates or gets set, on any path: the direct grant, the
 * "forgot password" flow, the update-password action, an admin's set-password. Each refusal looks like the answer
 * a password user or an unknown user gets.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class SsoReplacesPasswordIT {

    private static final String ALEX = "alex.wilber@fabrikam.example";
    private static final String LOCAL = "local.clash@fabrikam.example";
    private static final String LOCAL_PASSWORD = "Local-Password-1!";
    private static final String OLD_PASSWORD = "Keycloak-Password-1!";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @InjectRealm(ref = "sync", fromJson = SyncTenant.REALM_JSON)
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    private SignInScene scene;

    @BeforeEach
    void start() {
        scene = new SignInScene(realm);
        // Alex had a Keycloak password before SSO was switched on.
        scene.tenant.connect(scene.tenant.secretConnection());
        scene.tenant.fullSync();
        realm.admin().users().get(scene.tenant.user(ALEX).getId()).resetPassword(password(OLD_PASSWORD));
        scene.tenant.updateConnection("ssoEnabled", "true");
        scene.tenant.updateConnection("ssoForAllSynced", "true");
    }

    @AfterEach
    void stop() {
        scene.close();
    }

    @Test
    void theDirectGrantRefusesTheRightPasswordExactlyLikeAWrongOne() throws Exception {
        HttpResponse<String> sso = passwordGrant(ALEX, OLD_PASSWORD);
        HttpResponse<String> wrong = passwordGrant(LOCAL, "not-the-password");
        assertEquals(400, sso.statusCode(), sso.body());
        assertEquals(wrong.statusCode(), sso.statusCode());
        assertEquals(wrong.body(), sso.body(), "the same invalid_grant answer as a wrong password");
        assertEquals(200, passwordGrant(LOCAL, LOCAL_PASSWORD).statusCode(), "password users still use the grant");

        scene.tenant.updateConnection("ssoForAllSynced", "false");
        scene.tenant.updateConnection("ssoEnabled", "false");
        assertEquals(200, passwordGrant(ALEX, OLD_PASSWORD).statusCode(), "with SSO off the kept password works again");
    }

    @Test
    void sessionsStartedWithAPasswordContinueWhenSsoIsSwitchedOn() throws Exception {
        scene.tenant.updateConnection("ssoForAllSynced", "false");
        scene.tenant.updateConnection("ssoEnabled", "false");
        HttpResponse<String> signedIn = passwordGrant(ALEX, OLD_PASSWORD);
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        String refreshToken = JsonSerialization.readValue(signedIn.body(), AccessTokenResponse.class).getRefreshToken();

        scene.tenant.updateConnection("ssoEnabled", "true");
        scene.tenant.updateConnection("ssoForAllSynced", "true");
        HttpResponse<String> refreshed = tokenRequest("grant_type=refresh_token&client_id=password-grant-app&refresh_token="
                + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8));
        assertEquals(200, refreshed.statusCode(), "the running session goes on: " + refreshed.body());
        assertEquals(400, passwordGrant(ALEX, OLD_PASSWORD).statusCode(), "but the next sign-in cannot use the password");
    }

    @Test
    void anAdminIsToldThatAPasswordForAnSsoUserCannotBeUsed() throws Exception {
        String alex = scene.tenant.user(ALEX).getId();
        BadRequestException refused = assertThrows(BadRequestException.class,
                () -> realm.admin().users().get(alex).resetPassword(password("Another-Password-1!")));
        String message = refused.getResponse().readEntity(String.class);
        assertTrue(message.contains("signs in with Microsoft (Entra SSO). A password would never be used"), message);

        scene.tenant.updateConnection("ssoForAllSynced", "false");
        scene.tenant.updateConnection("ssoEnabled", "false");
        assertEquals(400, passwordGrant(ALEX, "Another-Password-1!").statusCode(), "the refused password was not stored");
    }

    @Test
    void updatePasswordIsNotAskedOfSsoUsers() {
        String alex = scene.tenant.user(ALEX).getId();
        UserRepresentation user = realm.admin().users().get(alex).toRepresentation();
        user.setRequiredActions(List.of("UPDATE_PASSWORD"));
        realm.admin().users().get(alex).update(user);
        assertFalse(realm.admin().users().get(alex).toRepresentation().getRequiredActions().contains("UPDATE_PASSWORD"),
                "an action that could never be completed would lock the user out");
    }

    @Test
    void forgotPasswordLooksTheSameForSsoUsersButSendsNothing() throws Exception {
        String ssoPage = requestReset(ALEX);
        assertFalse(mail.waitForIncomingEmail(2000, 1), "no reset email for an SSO user");
        String unknownPage = requestReset("nobody@fabrikam.example");
        String localPage = requestReset(LOCAL);
        assertTrue(mail.waitForIncomingEmail(10_000, 1), "a password user gets the reset email");
        assertEquals(1, mail.getReceivedMessages().length);
        assertEquals(LOCAL, mail.getLastReceivedMessage().getAllRecipients()[0].toString());

        assertTrue(ssoPage.contains("You should receive an email shortly"), ssoPage);
        assertEquals(unknownPage, ssoPage, "the same page as for an unknown user");
        assertEquals(localPage, ssoPage, "the same page as for a password user");

        List<EventRepresentation> refusals = realm.admin().getEvents(List.of("SEND_RESET_PASSWORD_ERROR"), null, null, null, null, null, null, null);
        assertTrue(refusals.stream().anyMatch(e -> "entra_sso_user_has_no_password".equals(e.getError())
                && scene.tenant.user(ALEX).getId().equals(e.getUserId())), "the refusal is an event for admins");
    }

    /** The "forgot password" link of the password page, then the user's name; the visible text of the answer. */
    private String requestReset(String username) {
        scene.browser.webClient().getCookieManager().clearCookies();
        HtmlPage identifier = scene.browser.open(scene.app.authorizationRequest());
        HtmlPage passwordPage = scene.browser.submit(identifier, "kc-form-login", Map.of("username", LOCAL));
        HtmlAnchor forgot = passwordPage.getAnchors().stream().filter(a -> a.getHrefAttribute().contains("reset-credentials"))
                .findFirst().orElseThrow(() -> new AssertionError("no forgot-password link on the password page"));
        HtmlPage reset;
        try {
            reset = forgot.click();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        HtmlPage answer = scene.browser.submit(reset, "kc-reset-password-form", Map.of("username", username));
        return answer.getVisibleText();
    }

    private HttpResponse<String> passwordGrant(String username, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=password-grant-app&scope=openid"
                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return tokenRequest(form);
    }

    private HttpResponse<String> tokenRequest(String form) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
