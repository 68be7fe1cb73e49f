package dev.kcentra.it;

import dev.kcentra.testsupport.EntraBundleServerConfig;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.kcentra.it.SignInScene.password;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When SSO is taken from synced users who have no password, they are not stranded: admins see them and send them
 * set-password emails; the password page offers the same path to everyone; invitations fit each user's sign-in.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class SsoOnboardingIT {

    private static final String ALEX = "alex.wilber@fabrikam.example";
    private static final String BIANCA = "bianca.pisani@fabrikam.example";
    private static final String NO_MAIL = "nomail.user@fabrikam.example";
    private static final String NEW_PASSWORD = "First-Password-1!";
    private static final Pattern ACTION_LINK = Pattern.compile("https?://\\S+/login-actions/action-token\\?key=[\\w.-]+");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @InjectRealm(ref = "sync", fromJson = SyncTenant.REALM_JSON)
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectAdminClient
    Keycloak admin;

    private SignInScene scene;

    @BeforeEach
    void start() {
        scene = new SignInScene(realm).synced();
        realm.admin().users().get(scene.tenant.user(ALEX).getId()).resetPassword(password("Keycloak-Password-1!"));
    }

    @AfterEach
    void stop() {
        scene.close();
    }

    @Test
    void usersLeftWithoutSsoAndPasswordGetASetPasswordEmailAndCanSignInAfterwards() throws Exception {
        List<Map<String, Object>> stranded = adminGet("stranded-users");
        List<Object> names = stranded.stream().map(u -> u.get("username")).toList();
        assertTrue(names.contains(BIANCA), names::toString);
        assertFalse(names.contains(ALEX), "Alex has a password");

        scene.tenant.updateConnection("ssoEnabled", "true");
        scene.setSsoFlag(BIANCA, "true");
        List<Object> whileSso = adminGet("stranded-users").stream().map(u -> u.get("username")).toList();
        assertFalse(whileSso.contains(BIANCA), "Bianca signs in with Microsoft");
        scene.setSsoFlag(BIANCA, "false");

        HttpResponse<String> sent = adminPost("set-password-emails", "");
        assertEquals(200, sent.statusCode(), sent.body());
        Map<?, ?> result = JsonSerialization.readValue(sent.body(), Map.class);
        int count = ((Number) result.get("sent")).intValue();
        assertEquals(names.size() - ((List<?>) result.get("withoutEmail")).size() - ((List<?>) result.get("disabled")).size(), count, sent.body());
        assertTrue(((List<?>) result.get("withoutEmail")).contains(NO_MAIL), "a user without email is listed, not skipped silently");
        assertTrue(mail.waitForIncomingEmail(15_000, count), "one email per stranded user");
        MimeMessage toBianca = messageTo(BIANCA);
        assertFalse(Arrays.stream(mail.getReceivedMessages()).anyMatch(m -> recipient(m).equals(ALEX)), "none for Alex");

        HtmlPage update = scene.browser.open(URI.create(link(toBianca)));
        HtmlPage proceed = update.getAnchors().stream().filter(a -> a.getHrefAttribute().contains("action-token")).findFirst()
                .map(a -> { try { return (HtmlPage) a.click(); } catch (IOException e) { throw new AssertionError(e); } })
                .orElse(update);
        scene.browser.submit(proceed, "kc-passwd-update-form", Map.of("password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD));

        scene.browser.webClient().getCookieManager().clearCookies();
        HtmlPage identifier = scene.browser.open(scene.app.authorizationRequest());
        HtmlPage passwordPage = scene.browser.submit(identifier, "kc-form-login", Map.of("username", BIANCA));
        scene.browser.submit(passwordPage, "kc-form-login", Map.of("password", NEW_PASSWORD));
        assertTrue(scene.app.lastResult() != null && scene.app.lastResult().succeeded(), "Bianca signs in with the password she set");

        List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
        assertTrue(events.stream().anyMatch(e -> "ACTION".equals(e.getOperationType())
                && e.getResourcePath() != null && e.getResourcePath().contains("set-password-emails")), "an admin event");
    }

    @Test
    void thePasswordPageOffersEveryoneTheSameSetYourPasswordPath() {
        for (String identifier : List.of(BIANCA, ALEX, "nobody@elsewhere.example")) {
            scene.browser.webClient().getCookieManager().clearCookies();
            HtmlPage page = scene.browser.submit(scene.browser.open(scene.app.authorizationRequest()), "kc-form-login", Map.of("username", identifier));
            assertTrue(page.asNormalizedText().contains("Forgot your password, or have none yet?"), page::asNormalizedText);
        }
    }

    @Test
    void aStrandedUserFindsTheSetPasswordPathFromThePasswordPage() throws Exception {
        HtmlPage passwordPage = scene.identify(BIANCA);
        HtmlPage reset = passwordPage.getAnchors().stream().filter(a -> a.getTextContent().contains("have none yet"))
                .findFirst().orElseThrow(() -> new AssertionError("no set-your-password link")).click();
        HtmlPage sent = scene.browser.submit(reset, "kc-reset-password-form", Map.of("username", BIANCA));
        assertTrue(sent.asNormalizedText().contains("You should receive an email shortly"), sent::asNormalizedText);
        assertTrue(mail.waitForIncomingEmail(15_000, 1));

        HtmlPage update = scene.browser.open(URI.create(link(messageTo(BIANCA))));
        scene.browser.submit(update, "kc-passwd-update-form", Map.of("password-new", NEW_PASSWORD, "password-confirm", NEW_PASSWORD));
        HtmlPage again = scene.identify(BIANCA);
        scene.browser.submit(again, "kc-form-login", Map.of("password", NEW_PASSWORD));
        assertTrue(scene.app.lastResult() != null && scene.app.lastResult().succeeded(), "Bianca signs in with her first password");
    }

    @Test
    void invitationsSaySignInWithMicrosoftToSsoUsersAndCarryASetPasswordLinkForOthers() throws Exception {
        scene.tenant.updateConnection("ssoEnabled", "true");
        scene.setSsoFlag(ALEX, "true");
        String body = "{\"userIds\":[\"" + scene.tenant.user(ALEX).getId() + "\",\"" + scene.tenant.user(BIANCA).getId() + "\"]}";
        HttpResponse<String> sent = adminPost("invitations", body);
        assertEquals(200, sent.statusCode(), sent.body());
        assertTrue(mail.waitForIncomingEmail(15_000, 2));

        String toAlex = text(messageTo(ALEX));
        assertTrue(toAlex.contains("Sign in with Microsoft"), toAlex);
        assertFalse(ACTION_LINK.matcher(toAlex).find(), "no password link for an SSO user");
        String toBianca = text(messageTo(BIANCA));
        assertTrue(toBianca.contains("Set your password"), toBianca);
        assertTrue(ACTION_LINK.matcher(toBianca).find(), toBianca);
    }

    @Test
    void theActionsNeedAnAdminAndAConnection() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(adminUri("set-password-emails"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> unknownUser = adminPost("invitations", "{\"userIds\":[\"no-such-user\"]}");
        assertEquals(404, unknownUser.statusCode(), unknownUser.body());
        HttpResponse<String> malformed = adminPost("invitations", "{\"userIds\": 42");
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertEquals(0, mail.getReceivedMessages().length, "nothing sent on a refused request");
    }

    private URI adminUri(String action) {
        String base = realm.getBaseUrl().replace("/realms/", "/admin/realms/");
        return URI.create(base + "/kcentra-entra-sso/" + action);
    }

    private String adminToken() {
        return admin.tokenManager().getAccessTokenString();
    }

    private List<Map<String, Object>> adminGet(String action) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(adminUri(action))
                .header("Authorization", "Bearer " + adminToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JsonSerialization.readValue(response.body(), List.class);
    }

    private HttpResponse<String> adminPost(String action, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(adminUri(action)).header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private MimeMessage messageTo(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> recipient(m).equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no email to " + address));
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static String link(MimeMessage message) throws Exception {
        Matcher matcher = ACTION_LINK.matcher(text(message));
        assertTrue(matcher.find(), "a set-password link");
        return matcher.group();
    }

    /** The plain-text part of a Keycloak email. */
    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String s) {
            return s;
        }
        Multipart parts = (Multipart) content;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no text part");
    }

}
