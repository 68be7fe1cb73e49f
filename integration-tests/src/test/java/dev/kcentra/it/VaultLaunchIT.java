package dev.kcentra.it;

import dev.kcentra.testsupport.Browser;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import dev.kcentra.testsupport.LegacyFormApp;
import dev.kcentra.testsupport.Totp;
import org.htmlunit.Page;
import org.htmlunit.util.Cookie;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "My apps" launches through the real server: a user signs in, opens an assigned app, and the local form-login app
 * receives exactly the current credential; everything else is refused, with an event, and without the secret.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class VaultLaunchIT {

    // Characters that a form, HTML or a URL would mangle if the hand-off were careless.
    private static final String LAUNCH_COOKIE = "KCENTRA_LAUNCH";
    private static final String SECRET = "Pay-roll \"<&>' ü 7%2B=";

    private static LegacyFormApp legacy;

    @InjectRealm(ref = "vault-launch", fromJson = "/vault/vault-launch-realm.json")
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

    @Test
    void anAssignedUserLaunchesTheAppAndItReceivesExactlyTheCurrentCredential() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = vault.createFormApp("Payroll " + System.nanoTime(), legacy.loginUrl());
        vault.setCredential(app, "svc-old", "Old-Secret-1");
        vault.setCredential(app, "svc-payroll", SECRET);
        vault.assign(app, group("Finance"));
        legacy.acceptPassword(SECRET);
        legacy.clear();

        try (Browser browser = new Browser()) {
            HtmlPage apps = signIn(browser, "alice", "Alice-Passw0rd!");
            assertNotNull(apps.getElementById("kcentra-app-" + app), "a subgroup's member sees the app: " + apps.asXml());
            HtmlPage handOff = browser.submit(apps, "kcentra-launch-" + app, Map.of());
            assertEquals(200, handOff.getWebResponse().getStatusCode(), handOff.asXml());
            assertTrue(handOff.getUrl().toString().endsWith("/kcentra-apps/go"), "the launch token is never in a URL: " + handOff.getUrl());
            assertNull(browser.webClient().getCookieManager().getCookie(LAUNCH_COOKIE), "the token's cookie is gone once used");
            assertEquals("no-store", handOff.getWebResponse().getResponseHeaderValue("Cache-Control"));
            String csp = handOff.getWebResponse().getResponseHeaderValue("Content-Security-Policy");
            assertTrue(csp.contains("form-action http://127.0.0.1:" + legacy.loginUrl().getPort()) && csp.contains("default-src 'none'"), csp);
            assertEquals("no-referrer", handOff.getWebResponse().getResponseHeaderValue("Referrer-Policy"));
            assertEquals("DENY", handOff.getWebResponse().getResponseHeaderValue("X-Frame-Options"));
            assertFalse(handOff.getUrl().toString().contains(SECRET) || handOff.getUrl().getQuery() != null, handOff.getUrl().toString());

            HtmlPage landed = browser.submit(handOff, "kcentra-launch", Map.of());
            assertEquals("Welcome svc-payroll", landed.getElementById("result").asNormalizedText(), "the legacy app accepted the injected credential");
        }
        List<LegacyFormApp.Received> logins = legacy.logins();
        assertEquals(1, logins.size());
        assertEquals(Map.of("user", "svc-payroll", "pass", SECRET), logins.get(0).fields(), "exactly the current credential");

        List<EventRepresentation> launches = events(app);
        assertEquals(1, launches.size());
        EventRepresentation launch = launches.get(0);
        assertEquals("IDENTITY_PROVIDER_RETRIEVE_TOKEN", launch.getType());
        assertEquals(userId("alice"), launch.getUserId());
        assertEquals("2", launch.getDetails().get("kcentra_vault_version"));
        assertEquals("launch", launch.getDetails().get("kcentra_vault_channel"));
        assertNotNull(launch.getIpAddress());
        assertNoSecretIn(JsonSerialization.writeValueAsString(realm.admin().getEvents()));
        assertNoSecretIn(JsonSerialization.writeValueAsString(realm.admin().getAdminEvents()));

        List<Map<String, Object>> access = vault.list("apps/" + app + "/access");
        assertEquals(List.of("alice", "carol"), access.stream().map(u -> (String) u.get("username")).sorted().toList(),
                "members of the group and of its subgroups, nobody else");
        Map<String, Object> log = vault.get("apps/" + app + "/access-log");
        assertEquals(true, log.get("eventsSaved"));
        List<?> entries = (List<?>) log.get("entries");
        assertEquals(1, entries.size());
        assertEquals("success", ((Map<?, ?>) entries.get(0)).get("outcome"));
    }

    @Test
    void aUsersOwnCredentialIsUsedInsteadOfTheSharedOne() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = financeApp(vault, "Ledger", "svc-ledger");
        String alice = userId("alice");
        assertEquals(204, vault.send("PUT", "apps/" + app + "/users/" + alice + "/credential",
                VaultAdminCalls.credential("alice-ledger", "Alice-Own-Secret-1!")).statusCode());
        assertEquals(404, vault.send("PUT", "apps/" + app + "/users/no-such-user/credential",
                VaultAdminCalls.credential("x", "y")).statusCode());
        List<Map<String, Object>> access = vault.list("apps/" + app + "/access");
        assertEquals(Map.of("alice", true, "carol", false), access.stream().collect(java.util.stream.Collectors.toMap(
                u -> (String) u.get("username"), u -> (Boolean) u.get("ownCredential"))));
        legacy.clear();

        launchAs("alice", "Alice-Passw0rd!", app);
        launchAs("carol", "Carol-Passw0rd!", app);
        assertEquals(204, vault.send("DELETE", "apps/" + app + "/users/" + alice + "/credential", "").statusCode());
        launchAs("alice", "Alice-Passw0rd!", app);
        assertEquals(List.of(Map.of("user", "alice-ledger", "pass", "Alice-Own-Secret-1!"), Map.of("user", "svc-ledger", "pass", SECRET),
                Map.of("user", "svc-ledger", "pass", SECRET)), legacy.logins().stream().map(LegacyFormApp.Received::fields).toList());
    }

    /**
     * Launches read the app from the node's launch cache: each admin change must count from the very next launch, the
     * cache having been filled by the launch before it.
     */
    @Test
    void everyAdminChangeCountsFromTheNextLaunchOn() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = financeApp(vault, "Cached", "svc-cached");
        String finance = group("Finance");
        legacy.clear();
        launchAs("alice", "Alice-Passw0rd!", app);

        vault.setCredential(app, "svc-cached", "Rolled-Over-2!");
        launchAs("alice", "Alice-Passw0rd!", app);
        HttpResponse<String> renamed = vault.send("PUT", "apps/" + app, "{\"name\": \"Cached renamed\", \"loginUrl\": "
                + "\"" + legacy.loginUrl() + "\", \"injection\": \"form\", \"usernameField\": \"login\", \"passwordField\": \"secret\"}");
        assertEquals(204, renamed.statusCode(), renamed.body());
        launchAs("alice", "Alice-Passw0rd!", app);
        assertEquals(List.of(Map.of("user", "svc-cached", "pass", SECRET), Map.of("user", "svc-cached", "pass", "Rolled-Over-2!"),
                Map.of("login", "svc-cached", "secret", "Rolled-Over-2!")), legacy.logins().stream().map(LegacyFormApp.Received::fields).toList(),
                "the new version, then the new field names, each from the next launch on");

        try (Browser browser = new Browser()) {
            HtmlPage apps = signIn(browser, "alice", "Alice-Passw0rd!");
            String csrf = ((HtmlInput) apps.getFirstByXPath("//form[@id='kcentra-launch-" + app + "']//input[@name='csrf']")).getValue();
            String token = issue(browser, apps, app);
            assertEquals(204, vault.send("DELETE", "apps/" + app + "/groups/" + finance, "").statusCode());
            Page afterIssue = go(browser, token);
            assertEquals(403, afterIssue.getWebResponse().getStatusCode(), "unassigning the group revokes even an issued token");
            Page next = browser.post(launchUri(), Map.of("app", app, "csrf", csrf));
            assertEquals(403, next.getWebResponse().getStatusCode(), "and the next launch");
            assertNoSecretIn(afterIssue.getWebResponse().getContentAsString() + next.getWebResponse().getContentAsString());
            vault.assign(app, finance);
            assertEquals(200, browser.post(launchUri(), Map.of("app", app, "csrf", csrf)).getWebResponse().getStatusCode(),
                    "assigned again, launched again");
            assertEquals(204, vault.send("DELETE", "apps/" + app, "").statusCode());
            assertEquals(403, browser.post(launchUri(), Map.of("app", app, "csrf", csrf)).getWebResponse().getStatusCode(),
                    "a deleted app is gone from the next launch on");
        }
    }

    /** A form-login app for the legacy app, holding {@link #SECRET} for {@code username}, assigned to Finance. */
    private String financeApp(VaultAdminCalls vault, String name, String username) throws Exception {
        String app = vault.createFormApp(name + " " + System.nanoTime(), legacy.loginUrl());
        vault.setCredential(app, username, SECRET);
        vault.assign(app, group("Finance"));
        return app;
    }

    private void launchAs(String username, String password, String app) {
        try (Browser browser = new Browser()) {
            HtmlPage apps = signIn(browser, username, password);
            browser.submit(browser.submit(apps, "kcentra-launch-" + app, Map.of()), "kcentra-launch", Map.of());
        }
    }

    @Test
    void anUnassignedUserIsRefusedWithA403NoSecretAndAnEvent() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String payroll = financeApp(vault, "Payroll", "svc-payroll");
        String crm = vault.createFormApp("CRM " + System.nanoTime(), legacy.loginUrl());
        vault.setCredential(crm, "svc-crm", "Crm-Secret-1");
        vault.assign(crm, group("Sales"));
        legacy.clear();

        try (Browser browser = new Browser()) {
            HtmlPage apps = signIn(browser, "bob", "Bob-Passw0rd!");
            assertTrue(apps.getElementById("kcentra-app-" + payroll) == null, "bob does not see Payroll");
            String csrf = ((HtmlInput) apps.getFirstByXPath("//form[@id='kcentra-launch-" + crm + "']//input[@name='csrf']")).getValue();
            Page refused = browser.post(launchUri(), Map.of("app", payroll, "csrf", csrf));
            assertEquals(403, refused.getWebResponse().getStatusCode());
            String body = refused.getWebResponse().getContentAsString();
            assertTrue(body.contains("You do not have access to this app"), body);
            assertNoSecretIn(body);

            Page forged = browser.post(launchUri(), Map.of("app", crm, "csrf", "forged"));
            assertEquals(400, forged.getWebResponse().getStatusCode(), "a cross-site post without the session's value is refused");
        }
        assertTrue(legacy.logins().isEmpty());
        List<EventRepresentation> denied = events(payroll);
        assertEquals(1, denied.size());
        assertEquals("IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR", denied.get(0).getType());
        assertEquals("not_assigned", denied.get(0).getError());
        assertEquals(userId("bob"), denied.get(0).getUserId());
    }

    @Test
    void aReplayedExpiredOrForeignLaunchTokenIsRefused() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = financeApp(vault, "Payroll", "svc-payroll");

        try (Browser alice = new Browser(); Browser carol = new Browser()) {
            HtmlPage apps = signIn(alice, "alice", "Alice-Passw0rd!");
            String token = issue(alice, apps, app);
            Page first = go(alice, token);
            assertEquals(200, first.getWebResponse().getStatusCode());
            Page replay = go(alice, token);
            assertEquals(400, replay.getWebResponse().getStatusCode(), "a token works once");
            assertTrue(replay.getWebResponse().getContentAsString().contains("expired or was already used"));
            assertNoSecretIn(replay.getWebResponse().getContentAsString());

            String late = issue(alice, signInAgain(alice), app);
            Thread.sleep((EntraBundleServerConfig.LAUNCH_TOKEN_SECONDS + 2) * 1000L);
            assertEquals(400, go(alice, late).getWebResponse().getStatusCode(), "an expired token is refused");

            signIn(carol, "carol", "Carol-Passw0rd!");
            String stolen = issue(alice, signInAgain(alice), app);
            Page foreign = go(carol, stolen);
            assertEquals(400, foreign.getWebResponse().getStatusCode(), "a token is bound to the session that asked for it");
            assertNoSecretIn(foreign.getWebResponse().getContentAsString());

            String signedOut = issue(alice, signInAgain(alice), app);
            realm.admin().users().get(userId("alice")).logout();
            Page afterSignOut = go(alice, signedOut);
            assertEquals(400, afterSignOut.getWebResponse().getStatusCode(), "the same browser and cookie, but its session has ended");
            assertNoSecretIn(afterSignOut.getWebResponse().getContentAsString());
        }
        List<EventRepresentation> refusals = events(app).stream().filter(e -> "invalid_launch_token".equals(e.getError())).toList();
        assertEquals(4, refusals.size(), "replayed, expired, foreign and signed out, each logged with its app: "
                + JsonSerialization.writeValueAsString(events(app)));
    }

    @Test
    void leavingTheGroupRevokesTheNextLaunch() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = financeApp(vault, "Payroll", "svc-payroll");
        String carol = userId("carol");
        String finance = group("Finance");

        try (Browser browser = new Browser()) {
            HtmlPage apps = signIn(browser, "carol", "Carol-Passw0rd!");
            String csrf = ((HtmlInput) apps.getFirstByXPath("//form[@id='kcentra-launch-" + app + "']//input[@name='csrf']")).getValue();
            String token = issue(browser, apps, app);
            realm.admin().users().get(carol).leaveGroup(finance);
            try {
                Page afterIssue = go(browser, token);
                assertEquals(403, afterIssue.getWebResponse().getStatusCode(), "a token issued before the removal is worthless after it");
                Page next = browser.post(launchUri(), Map.of("app", app, "csrf", csrf));
                assertEquals(403, next.getWebResponse().getStatusCode());
                assertNoSecretIn(next.getWebResponse().getContentAsString());
            } finally {
                realm.admin().users().get(carol).joinGroup(finance);
            }
        }
        assertEquals(2, events(app).stream().filter(e -> "not_assigned".equals(e.getError())).count());
    }

    @Test
    void nLaunchesGiveExactlyNEvents() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = financeApp(vault, "Payroll", "svc-payroll");
        int launches = 7;
        try (Browser browser = new Browser()) {
            HtmlPage apps = signIn(browser, "alice", "Alice-Passw0rd!");
            for (int i = 0; i < launches; i++) {
                HtmlPage handOff = browser.submit(apps, "kcentra-launch-" + app, Map.of());
                assertEquals(200, handOff.getWebResponse().getStatusCode());
                assertNotNull(handOff.getFirstByXPath("//form[@id='kcentra-launch']//input[@name='pass']"));
            }
        }
        List<EventRepresentation> events = events(app);
        assertEquals(launches, events.size(), "one event per launch, no more, no less");
        assertTrue(events.stream().allMatch(e -> e.getError() == null));
    }

    @Test
    void anAppThatRequiresASecondFactorSendsTheUserThroughStepUpFirst() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        HttpResponse<String> unreachable = vault.send("POST", "apps", "{\"name\": \"Too high\", \"loginUrl\": \"" + legacy.loginUrl()
                + "\", \"injection\": \"form\", \"usernameField\": \"user\", \"passwordField\": \"pass\", \"requiredLoa\": 3}");
        assertEquals(400, unreachable.statusCode(), "a level the browser flow cannot reach is refused when saved");
        assertTrue(unreachable.body().contains("no level of authentication 3"), unreachable.body());
        String app = vault.createApp("{\"name\": \"Treasury " + System.nanoTime() + "\", \"loginUrl\": \"" + legacy.loginUrl()
                + "\", \"injection\": \"form\", \"usernameField\": \"user\", \"passwordField\": \"pass\", \"requiredLoa\": 2}");
        vault.setCredential(app, "svc-treasury", SECRET);
        vault.assign(app, group("Finance"));
        legacy.acceptPassword(SECRET);
        legacy.clear();

        try (Browser browser = new Browser()) {
            HtmlPage apps = signIn(browser, "alice", "Alice-Passw0rd!");
            HtmlPage otp = browser.submit(apps, "kcentra-launch-" + app, Map.of());
            assertNotNull(otp.getElementById("kc-otp-login-form"), "a password alone is not enough: " + otp.asXml());
            assertTrue(legacy.logins().isEmpty());
            HtmlPage stepped = browser.submit(otp, "kc-otp-login-form", Map.of("otp", Totp.code("alice-totp-secret-0123456789")));
            assertNotNull(stepped.getElementById("kcentra-my-apps"), stepped.asXml());
            HtmlPage handOff = browser.submit(stepped, "kcentra-launch-" + app, Map.of());
            HtmlPage landed = browser.submit(handOff, "kcentra-launch", Map.of());
            assertEquals("Welcome svc-treasury", landed.getElementById("result").asNormalizedText());
        }
        List<EventRepresentation> events = events(app);
        assertEquals(List.of("step_up_required"), events.stream().map(EventRepresentation::getError).filter(e -> e != null).toList());
        assertEquals(1, events.stream().filter(e -> e.getError() == null).count());
    }

    @Test
    void theGatewayGetsTheCredentialOnlyWithItsOwnTokenForAnAssignedUser() throws Exception {
        VaultAdminCalls vault = new VaultAdminCalls(realm, admin);
        String app = vault.createApp("{\"name\": \"Intranet " + System.nanoTime() + "\", \"loginUrl\": \"https://intranet.example/\","
                + " \"injection\": \"basic\", \"gatewayClientId\": \"payroll-gateway\"}");
        vault.setCredential(app, "svc-intranet", SECRET);
        vault.assign(app, group("Finance"));
        HttpResponse<String> publicGateway = vault.send("PUT", "apps/" + app, "{\"name\": \"x\", \"loginUrl\": \"https://intranet.example/\","
                + " \"injection\": \"basic\", \"gatewayClientId\": \"public-app\"}");
        assertEquals(400, publicGateway.statusCode(), "a public client cannot be a gateway");

        HttpResponse<String> granted = gateway(app, "payroll-gateway", "gateway-secret", userToken("payroll-gateway", "gateway-secret", "carol"));
        assertEquals(200, granted.statusCode(), granted.body());
        Map<?, ?> credential = JsonSerialization.readValue(granted.body(), Map.class);
        assertEquals("svc-intranet", credential.get("username"));
        assertEquals(SECRET, credential.get("password"));
        assertEquals("basic", credential.get("injection"));
        assertTrue(granted.headers().firstValue("Cache-Control").orElse("").contains("no-store"));

        HttpResponse<String> otherClientsToken = gateway(app, "payroll-gateway", "gateway-secret", userToken("other-app", "other-secret", "carol"));
        assertEquals(403, otherClientsToken.statusCode());
        HttpResponse<String> otherClient = gateway(app, "other-app", "other-secret", userToken("other-app", "other-secret", "carol"));
        assertEquals(403, otherClient.statusCode());
        HttpResponse<String> unassigned = gateway(app, "payroll-gateway", "gateway-secret", userToken("payroll-gateway", "gateway-secret", "bob"));
        assertEquals(403, unassigned.statusCode());
        HttpResponse<String> wrongSecret = gateway(app, "payroll-gateway", "wrong", userToken("payroll-gateway", "gateway-secret", "carol"));
        assertEquals(401, wrongSecret.statusCode());
        HttpResponse<String> forgedToken = gateway(app, "payroll-gateway", "gateway-secret", "eyJhbGciOiJub25lIn0.e30.");
        assertEquals(401, forgedToken.statusCode());
        for (HttpResponse<String> refused : List.of(otherClientsToken, otherClient, unassigned, wrongSecret, forgedToken)) {
            assertNoSecretIn(refused.body());
        }
        String formApp = vault.createFormApp("Form " + System.nanoTime(), legacy.loginUrl());
        vault.setCredential(formApp, "svc-form", "Form-Secret-1!");
        vault.assign(formApp, group("Finance"));
        try (Browser browser = new Browser()) {
            HtmlPage apps = signIn(browser, "carol", "Carol-Passw0rd!");
            assertNotNull(apps.getFirstByXPath("//li[@id='kcentra-app-" + app + "']//a[@href='https://intranet.example/']"),
                    "a gateway app is a plain link on My apps: " + apps.asXml());
            String csrf = ((HtmlInput) apps.getFirstByXPath("//form[@id='kcentra-launch-" + formApp + "']//input[@name='csrf']")).getValue();
            Page basic = browser.post(launchUri(), Map.of("app", app, "csrf", csrf));
            assertEquals(409, basic.getWebResponse().getStatusCode(), "HTTP Basic is never handed to a browser");
            assertNoSecretIn(basic.getWebResponse().getContentAsString());
        }

        List<EventRepresentation> events = events(app);
        assertEquals(1, events.stream().filter(e -> e.getError() == null).count());
        assertEquals(List.of("invalid_client_credentials", "invalid_user_token", "no_credential", "not_assigned", "not_gateway_client", "not_gateway_client"),
                events.stream().map(EventRepresentation::getError).filter(e -> e != null).sorted().toList(), "each refusal is an event");
    }

    private HttpResponse<String> gateway(String app, String clientId, String secret, String userToken) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return VaultAdminCalls.HTTP.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/kcentra-apps/gateway/apps/" + app + "/credential"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(userToken, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String userToken(String clientId, String secret, String username) throws Exception {
        String password = Character.toUpperCase(username.charAt(0)) + username.substring(1) + "-Passw0rd!";
        HttpResponse<String> response = VaultAdminCalls.HTTP.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + clientId + "&client_secret=" + secret
                        + "&username=" + username + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return (String) JsonSerialization.readValue(response.body(), Map.class).get("access_token");
    }

    private HtmlPage signIn(Browser browser, String username, String password) {
        HtmlPage login = browser.open(URI.create(realm.getBaseUrl() + "/kcentra-apps/"));
        HtmlPage apps = browser.submit(login, "kc-form-login", Map.of("username", username, "password", password));
        assertNotNull(apps.getElementById("kcentra-my-apps"), apps.asXml());
        assertTrue(apps.getUrl().toString().endsWith("/kcentra-apps/"), "the sign-in's code is dropped from the address: " + apps.getUrl());
        return apps;
    }

    private HtmlPage signInAgain(Browser browser) {
        return browser.open(URI.create(realm.getBaseUrl() + "/kcentra-apps/"));
    }

    /** The launch step alone: its answer is a redirect to {@code go} with the token in a cookie, which this returns. */
    private String issue(Browser browser, HtmlPage apps, String app) {
        String csrf = ((HtmlInput) apps.getFirstByXPath("//form[@id='kcentra-launch-" + app + "']//input[@name='csrf']")).getValue();
        browser.webClient().getOptions().setRedirectEnabled(false);
        try {
            Page issued = browser.post(launchUri(), Map.of("app", app, "csrf", csrf));
            assertEquals(303, issued.getWebResponse().getStatusCode());
            assertTrue(issued.getWebResponse().getResponseHeaderValue("Location").endsWith("/kcentra-apps/go"));
        } finally {
            browser.webClient().getOptions().setRedirectEnabled(true);
        }
        Cookie cookie = browser.webClient().getCookieManager().getCookie(LAUNCH_COOKIE);
        assertNotNull(cookie, "the launch answered with a token cookie");
        assertTrue(cookie.isHttpOnly() && "strict".equalsIgnoreCase(cookie.getSameSite()) && cookie.getPath().endsWith("/kcentra-apps/go"),
                cookie.toString());
        return cookie.getValue();
    }

    /** Redeems a token as a browser holding it would (the cookie put back by hand, as a replaying attacker could). */
    private Page go(Browser browser, String token) {
        browser.webClient().getCookieManager().addCookie(new Cookie("localhost", LAUNCH_COOKIE, token,
                goUri().getPath(), null, false, true));
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

    private String group(String name) {
        return realm.admin().groups().groups().stream().filter(g -> g.getName().equals(name)).map(GroupRepresentation::getId).findFirst().orElseThrow();
    }

    private String userId(String username) {
        return realm.admin().users().searchByUsername(username, true).stream().map(UserRepresentation::getId).findFirst().orElseThrow();
    }

    private static void assertNoSecretIn(String text) {
        assertFalse(text.contains(SECRET) || text.contains(URLEncoder.encode(SECRET, StandardCharsets.UTF_8))
                || text.contains("Pay-roll &quot;"), "the secret leaked: " + text);
    }
}
