package dev.kcentra.it;

import dev.kcentra.testsupport.Browser;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.LegacyFormApp;
import dev.kcentra.testsupport.Totp;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an app's settings demand of a hand-over, through the real server: a gateway-only app is never launched into a
 * browser, the required level of authentication holds at the gateway as on My apps and only within its max age, apps
 * launched with a form rotate weekly by default, and an "own credential" can only be a user's.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class VaultLaunchPolicyIT {

    private static final String LAUNCH_COOKIE = "KCENTRA_LAUNCH";
    private static final String SECRET = "Gateway-only \"<&>' 9%2B=";
    private static final String ALICE_TOTP = "alice-totp-secret-0123456789";

    private static LegacyFormApp legacy;

    @InjectRealm(ref = "vault-launch-policy", fromJson = "/vault/vault-launch-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @BeforeAll
    static void startLegacyApp() {
        legacy = LegacyFormApp.start("change-secret");
    }

    @AfterAll
    static void stopLegacyApp() {
        legacy.close();
    }

    /** Several tests here pass alice's second factor within one 30-second period. */
    @BeforeEach
    void otpCodesMayRepeat() {
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setOtpPolicyCodeReusable(true);
        realm.admin().update(rep);
    }

    @Test
    void aGatewayOnlyAppIsALinkOnMyAppsAndRefusesAFormLaunch() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        HttpResponse<String> noGateway = vault.send("POST", "apps", formApp("No gateway", "\"gatewayOnly\": true"));
        assertEquals(400, noGateway.statusCode(), noGateway.body());
        assertTrue(noGateway.body().contains("needs its gateway client"), noGateway.body());
        String app = vault.createApp(formApp("Gateway only " + System.nanoTime(), "\"gatewayOnly\": true, \"gatewayClientId\": \"payroll-gateway\""));
        assertEquals(true, vault.get("apps/" + app).get("gatewayOnly"));
        vault.setCredential(app, "svc-gw", SECRET);
        vault.assign(app, group("Finance"));
        String open = vault.createApp(formApp("Open " + System.nanoTime(), "\"gatewayClientId\": \"payroll-gateway\""));
        assertEquals(false, vault.get("apps/" + open).get("gatewayOnly"), "off unless set");
        vault.setCredential(open, "svc-open", SECRET);
        vault.assign(open, group("Finance"));
        legacy.acceptPassword(SECRET);
        legacy.clear();

        try (Browser browser = new Browser()) {
            HtmlPage apps = signIn(browser, "carol", "Carol-Passw0rd!");
            assertNull(apps.getElementById("kcentra-launch-" + app), "no launch form for a gateway-only app: " + apps.asXml());
            assertNotNull(apps.getFirstByXPath("//li[@id='kcentra-app-" + app + "']//a[@href='" + legacy.loginUrl() + "']"),
                    "a link to the app instead: " + apps.asXml());
            String csrf = ((HtmlInput) apps.getFirstByXPath("//form[@id='kcentra-launch-" + open + "']//input[@name='csrf']")).getValue();
            Page refused = browser.post(launchUri(), Map.of("app", app, "csrf", csrf));
            assertEquals(409, refused.getWebResponse().getStatusCode(), "a forged launch of a gateway-only app is refused");
            assertTrue(refused.getWebResponse().getContentAsString().contains("opened through its gateway"),
                    refused.getWebResponse().getContentAsString());
            assertNoSecretIn(refused.getWebResponse().getContentAsString());

            // Made gateway-only between the two steps of a launch: the hand-off is refused too.
            String token = issue(browser, apps, open);
            HttpResponse<String> closed = vault.send("PUT", "apps/" + open, formApp("Open, now closed " + System.nanoTime(),
                    "\"gatewayOnly\": true, \"gatewayClientId\": \"payroll-gateway\""));
            assertEquals(204, closed.statusCode(), closed.body());
            Page afterIssue = go(browser, token);
            assertEquals(409, afterIssue.getWebResponse().getStatusCode());
            assertNoSecretIn(afterIssue.getWebResponse().getContentAsString());
        }
        assertTrue(legacy.logins().isEmpty(), "no browser posted the password anywhere");

        HttpResponse<String> fetched = gateway(app, userToken("carol"));
        assertEquals(200, fetched.statusCode(), "its gateway still serves it: " + fetched.body());
        assertEquals(SECRET, JsonSerialization.readValue(fetched.body(), Map.class).get("password"));

        assertEquals(List.of("gateway_only"), errors(app), "the refused launch is an event");
        assertEquals(List.of("gateway_only"), errors(open), "and so is the refused hand-off");
    }

    @Test
    void theGatewayHoldsTheAppToItsRequiredLevel() throws Exception {
        setMaxAge("vault level 2", 0);
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = vault.createApp("{\"name\": \"Vault of vaults " + System.nanoTime() + "\", \"loginUrl\": \"https://treasury.example/\","
                + " \"injection\": \"basic\", \"gatewayClientId\": \"payroll-gateway\", \"requiredLoa\": 2}");
        vault.setCredential(app, "svc-treasury", SECRET);
        vault.assign(app, group("Finance"));

        HttpResponse<String> passwordOnly = gateway(app, userToken("carol"));
        assertEquals(403, passwordOnly.statusCode(), "a password-only sign-in does not reach level 2: " + passwordOnly.body());
        assertTrue(passwordOnly.body().contains("insufficient_user_authentication"), passwordOnly.body());
        assertNoSecretIn(passwordOnly.body());

        String stepped = steppedUpToken();
        HttpResponse<String> granted = gateway(app, stepped);
        assertEquals(200, granted.statusCode(), "a sign-in with the second factor does: " + granted.body());
        assertEquals(SECRET, JsonSerialization.readValue(granted.body(), Map.class).get("password"));
        HttpResponse<String> again = gateway(app, stepped);
        assertEquals(403, again.statusCode(), "a level of max age 0 serves the one hand-over after its sign-in: " + again.body());
        assertNoSecretIn(again.body());

        assertEquals(List.of("step_up_required", "step_up_required"), errors(app));
        assertEquals(1, events(app).stream().filter(e -> e.getError() == null).count());
    }

    @Test
    void aStepUpLevelHoldsOnlyForItsMaxAge() throws Exception {
        setMaxAge("vault level 2", 8);
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = vault.createApp(formApp("Treasury " + System.nanoTime(), "\"requiredLoa\": 2"));
        vault.setCredential(app, "svc-treasury", SECRET);
        vault.assign(app, group("Finance"));
        legacy.acceptPassword(SECRET);
        legacy.clear();

        try (Browser browser = new Browser()) {
            HtmlPage apps = signIn(browser, "alice", "Alice-Passw0rd!");
            HtmlPage otp = browser.submit(apps, "kcentra-launch-" + app, Map.of());
            assertNotNull(otp.getElementById("kc-otp-login-form"), otp.asXml());
            HtmlPage stepped = browser.submit(otp, "kc-otp-login-form", Map.of("otp", Totp.code(ALICE_TOTP)));
            long steppedUpAt = System.currentTimeMillis();
            HtmlPage handOff = browser.submit(stepped, "kcentra-launch-" + app, Map.of());
            HtmlPage landed = browser.submit(handOff, "kcentra-launch", Map.of());
            assertEquals("Welcome svc-treasury", landed.getElementById("result").asNormalizedText(), "within the max age: launched");

            Thread.sleep(Math.max(0, steppedUpAt + 9_000 - System.currentTimeMillis()));
            HtmlPage later = browser.submit(signInAgain(browser), "kcentra-launch-" + app, Map.of());
            assertNotNull(later.getElementById("kc-otp-login-form"), "past the level's max age the step-up comes again: " + later.asXml());
        }
        assertEquals(1, legacy.logins().size());
        assertEquals(List.of("step_up_required", "step_up_required"), errors(app));
    }

    @Test
    void aLevelOfMaxAgeZeroServesTheOneLaunchAfterItsSignIn() throws Exception {
        setMaxAge("vault level 2", 0);
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = vault.createApp(formApp("Strongroom " + System.nanoTime(), "\"requiredLoa\": 2"));
        vault.setCredential(app, "svc-strongroom", SECRET);
        vault.assign(app, group("Finance"));
        legacy.acceptPassword(SECRET);
        legacy.clear();

        try (Browser browser = new Browser()) {
            HtmlPage apps = signIn(browser, "alice", "Alice-Passw0rd!");
            HtmlPage otp = browser.submit(apps, "kcentra-launch-" + app, Map.of());
            HtmlPage stepped = browser.submit(otp, "kc-otp-login-form", Map.of("otp", Totp.code(ALICE_TOTP)));
            HtmlPage handOff = browser.submit(stepped, "kcentra-launch-" + app, Map.of());
            HtmlPage landed = browser.submit(handOff, "kcentra-launch", Map.of());
            assertEquals("Welcome svc-strongroom", landed.getElementById("result").asNormalizedText());

            HtmlPage next = browser.submit(signInAgain(browser), "kcentra-launch-" + app, Map.of());
            assertNotNull(next.getElementById("kc-otp-login-form"), "the next launch needs the second factor again: " + next.asXml());
            HtmlPage steppedAgain = browser.submit(next, "kc-otp-login-form", Map.of("otp", Totp.code(ALICE_TOTP)));
            HtmlPage landedAgain = browser.submit(browser.submit(steppedAgain, "kcentra-launch-" + app, Map.of()), "kcentra-launch", Map.of());
            assertEquals("Welcome svc-strongroom", landedAgain.getElementById("result").asNormalizedText(), "and with it, launches once more");
        }
        assertEquals(2, legacy.logins().size());
        assertEquals(List.of("step_up_required", "step_up_required"), errors(app));
    }

    @Test
    void formLaunchAppsRotateWeeklyUnlessToldOtherwise() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String form = vault.createFormApp("Weekly " + System.nanoTime(), legacy.loginUrl());
        String gatewayOnly = vault.createApp(formApp("On demand " + System.nanoTime(), "\"gatewayOnly\": true, \"gatewayClientId\": \"payroll-gateway\""));
        for (String app : List.of(form, gatewayOnly)) {
            HttpResponse<String> set = vault.send("PUT", "apps/" + app + "/rotation", "{\"policy\": {\"rotator\": \"manual\"}}");
            assertEquals(204, set.statusCode(), set.body());
        }
        long now = System.currentTimeMillis();
        Map<String, Object> weekly = vault.get("apps/" + form + "/rotation");
        assertEquals(7, ((Map<?, ?>) weekly.get("policy")).get("periodDays"), "its password reaches browsers: " + weekly);
        long next = ((Number) weekly.get("nextRotationAt")).longValue();
        assertTrue(Math.abs(next - (now + 7L * 86_400_000L)) < 120_000, "first due in a week: " + weekly);
        Map<String, Object> onDemand = vault.get("apps/" + gatewayOnly + "/rotation");
        assertNull(((Map<?, ?>) onDemand.get("policy")).get("periodDays"), "gateway only: on demand, as before: " + onDemand);
        assertNull(onDemand.get("nextRotationAt"));
        HttpResponse<String> monthly = vault.send("PUT", "apps/" + form + "/rotation", "{\"policy\": {\"rotator\": \"manual\", \"periodDays\": 30}}");
        assertEquals(204, monthly.statusCode(), monthly.body());
        assertEquals(30, ((Map<?, ?>) vault.get("apps/" + form + "/rotation").get("policy")).get("periodDays"), "a longer period is kept");
    }

    @Test
    void anOwnCredentialCanOnlyBeDeletedForAUserOfTheRealm() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = vault.createFormApp("Owners " + System.nanoTime(), legacy.loginUrl());
        vault.setCredential(app, "svc-owners", SECRET);
        assertEquals(204, vault.send("PUT", "apps/" + app + "/webhook-secret", "{\"secret\": \"webhook-secret-0123456789\"}").statusCode());

        for (String notAUser : List.of("*", "%23webhook", "no-such-user")) {
            HttpResponse<String> deleted = vault.send("DELETE", "apps/" + app + "/users/" + notAUser + "/credential", "");
            assertEquals(404, deleted.statusCode(), notAUser + ": " + deleted.body());
        }
        assertNotNull(vault.get("apps/" + app).get("credential"), "the shared credential is still there");
        assertEquals(true, vault.get("apps/" + app + "/rotation").get("webhookSecretSet"), "and the webhook secret");
    }

    private static String formApp(String name, String extra) throws Exception {
        return "{\"name\": " + AdminRestCalls.json(name) + ", \"loginUrl\": \"" + legacy.loginUrl() + "\", \"injection\": \"form\","
                + " \"usernameField\": \"user\", \"passwordField\": \"pass\", " + extra + "}";
    }

    private void setMaxAge(String configAlias, int seconds) {
        for (AuthenticationExecutionInfoRepresentation execution : realm.admin().flows().getExecutions(configAlias)) {
            if ("conditional-level-of-authentication".equals(execution.getProviderId())) {
                AuthenticatorConfigRepresentation config = realm.admin().flows().getAuthenticatorConfig(execution.getAuthenticationConfig());
                Map<String, String> values = new HashMap<>(config.getConfig());
                values.put("loa-max-age", String.valueOf(seconds));
                config.setConfig(values);
                realm.admin().flows().updateAuthenticatorConfig(config.getId(), config);
                return;
            }
        }
        throw new IllegalStateException("no level condition in flow " + configAlias);
    }

    /**
     * alice signs in to the gateway client in the browser, asking for level 2 (password, then her one-time code), and
     * the gateway exchanges the code for her access token.
     */
    private String steppedUpToken() throws Exception {
        URI callback = URI.create("http://127.0.0.1:" + legacy.loginUrl().getPort() + "/callback");
        ClientRepresentation client = realm.admin().clients().findByClientId("payroll-gateway").get(0);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(callback.toString()));
        realm.admin().clients().get(client.getId()).update(client);
        try (Browser browser = new Browser()) {
            HtmlPage login = browser.open(URI.create(realm.getBaseUrl() + "/protocol/openid-connect/auth?client_id=payroll-gateway"
                    + "&response_type=code&scope=openid&state=s1&acr_values=2&redirect_uri=" + URLEncoder.encode(callback.toString(), StandardCharsets.UTF_8)));
            HtmlPage otp = browser.submit(login, "kc-form-login", Map.of("username", "alice", "password", "Alice-Passw0rd!"));
            assertNotNull(otp.getElementById("kc-otp-login-form"), otp.asXml());
            HtmlPage back = browser.submit(otp, "kc-otp-login-form", Map.of("otp", Totp.code(ALICE_TOTP)));
            String query = back.getUrl().getQuery();
            assertTrue(back.getUrl().getPath().equals("/callback") && query != null && query.contains("code="), back.getUrl().toString());
            String code = URLDecoder.decode(query.replaceAll("(?:.*&)?code=([^&]*).*", "$1"), StandardCharsets.UTF_8);
            HttpResponse<String> tokens = VaultAdminCalls.HTTP.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=payroll-gateway&client_secret=gateway-secret"
                            + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                            + "&redirect_uri=" + URLEncoder.encode(callback.toString(), StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, tokens.statusCode(), tokens.body());
            return (String) JsonSerialization.readValue(tokens.body(), Map.class).get("access_token");
        }
    }

    private HttpResponse<String> gateway(String app, String userToken) throws Exception {
        String basic = Base64.getEncoder().encodeToString("payroll-gateway:gateway-secret".getBytes(StandardCharsets.UTF_8));
        return VaultAdminCalls.HTTP.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/kcentra-apps/gateway/apps/" + app + "/credential"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(userToken, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A password-only sign-in (direct grant) of the gateway client. */
    private String userToken(String username) throws Exception {
        String password = Character.toUpperCase(username.charAt(0)) + username.substring(1) + "-Passw0rd!";
        HttpResponse<String> response = VaultAdminCalls.HTTP.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=payroll-gateway&client_secret=gateway-secret"
                        + "&username=" + username + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return (String) JsonSerialization.readValue(response.body(), Map.class).get("access_token");
    }

    private HtmlPage signIn(Browser browser, String username, String password) {
        HtmlPage login = browser.open(URI.create(realm.getBaseUrl() + "/kcentra-apps/"));
        HtmlPage apps = browser.submit(login, "kc-form-login", Map.of("username", username, "password", password));
        assertNotNull(apps.getElementById("kcentra-my-apps"), apps.asXml());
        return apps;
    }

    private HtmlPage signInAgain(Browser browser) {
        HtmlPage apps = browser.open(URI.create(realm.getBaseUrl() + "/kcentra-apps/"));
        assertNotNull(apps.getElementById("kcentra-my-apps"), apps.asXml());
        return apps;
    }

    /** The launch step alone: its answer is a redirect to {@code go} with the token in a cookie, which this returns. */
    private String issue(Browser browser, HtmlPage apps, String app) {
        String csrf = ((HtmlInput) apps.getFirstByXPath("//form[@id='kcentra-launch-" + app + "']//input[@name='csrf']")).getValue();
        browser.webClient().getOptions().setRedirectEnabled(false);
        try {
            Page issued = browser.post(launchUri(), Map.of("app", app, "csrf", csrf));
            assertEquals(303, issued.getWebResponse().getStatusCode());
        } finally {
            browser.webClient().getOptions().setRedirectEnabled(true);
        }
        Cookie cookie = browser.webClient().getCookieManager().getCookie(LAUNCH_COOKIE);
        assertNotNull(cookie, "the launch answered with a token cookie");
        return cookie.getValue();
    }

    private Page go(Browser browser, String token) {
        browser.webClient().getCookieManager().addCookie(new Cookie("localhost", LAUNCH_COOKIE, token, goUri().getPath(), null, false, true));
        return browser.open(goUri());
    }

    private URI launchUri() {
        return URI.create(realm.getBaseUrl() + "/kcentra-apps/launch");
    }

    private URI goUri() {
        return URI.create(realm.getBaseUrl() + "/kcentra-apps/go");
    }

    private List<EventRepresentation> events(String app) {
        return realm.admin().getEvents(List.of("IDENTITY_PROVIDER_RETRIEVE_TOKEN", "IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR"), null, null,
                        null, null, null, 0, 10_000).stream()
                .filter(e -> e.getDetails() != null && app.equals(e.getDetails().get("kcentra_vault_app"))).toList();
    }

    private List<String> errors(String app) {
        return events(app).stream().map(EventRepresentation::getError).filter(e -> e != null).sorted().toList();
    }

    private String group(String name) {
        return realm.admin().groups().groups().stream().filter(g -> g.getName().equals(name)).map(GroupRepresentation::getId).findFirst().orElseThrow();
    }

    private static void assertNoSecretIn(String text) {
        assertFalse(text.contains(SECRET) || text.contains(URLEncoder.encode(SECRET, StandardCharsets.UTF_8))
                || text.contains("Gateway-only &quot;"), "the secret leaked: " + text);
    }
}
