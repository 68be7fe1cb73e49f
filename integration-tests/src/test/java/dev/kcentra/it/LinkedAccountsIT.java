package dev.kcentra.it;

import dev.kcentra.testsupport.Browser;
import dev.kcentra.testsupport.EntraBundleServerConfig;
import jakarta.mail.internet.MimeMessage;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.idm.authorization.ScopePermissionRepresentation;
import org.keycloak.representations.idm.authorization.UserPolicyRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.util.JsonSerialization;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linked accounts through the real server: a signed-in user links an account by its password on the "Linked accounts"
 * page, the linked account can no longer sign in on its own, both accounts are told by email, and everything that
 * must be refused is refused without changing anything.
 */
@KeycloakIntegrationTest(config = EntraBundleServerConfig.class)
class LinkedAccountsIT {

    /** The maximum age of authentication for linking that the fresh-sign-in test gives its realm. */
    private static final int FRESH_SECONDS = 8;

    @InjectRealm(ref = "links", fromJson = "/links/linked-accounts-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectMailServer
    MailServer mail;

    /** A realm with Keycloak's fine-grained admin permissions, for an admin who may view or manage only some users. */
    @InjectRealm(ref = "links-delegated", config = DelegatedAdminRealm.class)
    ManagedRealm delegatedRealm;

    public static class DelegatedAdminRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            realm.name("kcentra-links-delegated").adminPermissionsEnabled(true)
                    .clients(ClientBuilder.create().clientId("delegate-cli").publicClient().directAccessGrantsEnabled())
                    .users(UserBuilder.create().username("delegate").password("Delegate-Passw0rd!").name("Del", "Egate")
                            .email("delegate@links.example").emailVerified(true).enabled(true));
            for (String username : List.of("d-master", "d-managed", "d-viewed", "d-hidden", "d-hidden-master", "d-viewed-2")) {
                realm.users(UserBuilder.create().username(username).name("First", "Last").email(username + "@links.example")
                        .emailVerified(true).enabled(true));
            }
            return realm;
        }
    }

    @Test
    void aUserLinksAnAccountByItsPasswordAndTheLinkedAccountCanNoLongerSignInOnItsOwn() throws Exception {
        try (Browser browser = new Browser()) {
            HtmlPage page = signIn(browser, "mary", "Mary-Passw0rd!");
            assertNotNull(page.getElementById("kcentra-links-empty"), page.asNormalizedText());
            HtmlPage linked = browser.submit(page, "kcentra-link-form", Map.of("username", "lou", "password", "Lou-Passw0rd!"));
            assertTrue(linked.asNormalizedText().contains("Account has been successfully linked: lou."), linked.asNormalizedText());
            assertTrue(linked.asNormalizedText().contains("lou"), "the list shows the linked account");
        }
        Map<String, Object> mary = links().get("users/" + id("mary"));
        assertEquals("master", mary.get("role"), "linking enrolled mary as a master");
        List<?> maryLinks = (List<?>) mary.get("links");
        assertEquals(1, maryLinks.size());
        assertEquals("lou", ((Map<?, ?>) ((Map<?, ?>) maryLinks.get(0)).get("account")).get("username"));
        assertEquals(false, ((Map<?, ?>) maryLinks.get(0)).get("allowAuthentication"), "authentication is off until the user turns it on");
        Map<String, Object> lou = links().get("users/" + id("lou"));
        assertEquals("linked", lou.get("role"));
        assertEquals("mary", ((Map<?, ?>) lou.get("master")).get("username"));

        assertTrue(mail.waitForIncomingEmail(15_000, 2), "one email to each account");
        assertEquals(List.of("lou@links.example", "mary@links.example"), recipients());
        assertTrue(body(messageTo("lou@links.example")).contains("has been linked to the account mary"), body(messageTo("lou@links.example")));

        EventRepresentation linkEvent = events("FEDERATED_IDENTITY_LINK", id("mary")).get(0);
        assertEquals("lou", linkEvent.getDetails().get("kcentra_linked_username"));
        assertEquals("password", linkEvent.getDetails().get("kcentra_link_method"));

        try (Browser browser = new Browser()) {
            HtmlPage login = browser.open(URI.create(realm.getBaseUrl() + "/kcentra-links/"));
            HtmlPage refused = browser.submit(login, "kc-form-login", Map.of("username", "lou", "password", "Lou-Passw0rd!"));
            assertEquals(403, refused.getWebResponse().getStatusCode());
            assertTrue(refused.asNormalizedText().contains("Sign in with your main (master) account instead"), refused.asNormalizedText());
        }
        HttpResponse<String> grant = passwordGrant("lou", "Lou-Passw0rd!");
        assertEquals(400, grant.statusCode());
        assertEquals("invalid_grant", JsonSerialization.readValue(grant.body(), Map.class).get("error"), grant.body());
        assertTrue(realm.admin().users().get(id("lou")).getUserSessions().isEmpty(), "no session for the linked account");
        List<EventRepresentation> refusals = events("LOGIN_ERROR", id("lou")).stream()
                .filter(e -> "kcentra_linked_account".equals(e.getError())).toList();
        assertEquals(2, refusals.size(), "browser and direct grant refusals are events");
        assertEquals(id("mary"), refusals.get(0).getDetails().get("kcentra_master_user_id"));
        assertEquals(200, passwordGrant("mary", "Mary-Passw0rd!").statusCode(), "the master signs in as before");

        mail.runCleanup();
        try (Browser browser = new Browser()) {
            HtmlPage page = signIn(browser, "mary", "Mary-Passw0rd!");
            String link = (String) ((Map<?, ?>) maryLinks.get(0)).get("id");
            HtmlPage confirm = browser.submit(page, "kcentra-unlink-" + link, Map.of());
            assertTrue(confirm.getElementById("kcentra-unlink-question").asNormalizedText().contains("Unlink lou"), confirm.asNormalizedText());
            assertEquals("linked", links().get("users/" + id("lou")).get("role"), "nothing changes before the confirmation");
            HtmlPage unlinked = browser.submit(confirm, "kcentra-unlink-confirm", Map.of());
            assertTrue(unlinked.asNormalizedText().contains("lou is no longer linked to your account"), unlinked.asNormalizedText());
        }
        assertEquals("none", links().get("users/" + id("lou")).get("role"));
        assertEquals(200, passwordGrant("lou", "Lou-Passw0rd!").statusCode(), "unlinked, lou signs in on its own again");
        assertTrue(mail.waitForIncomingEmail(15_000, 2));
        assertEquals(List.of("lou@links.example", "mary@links.example"), recipients());
        assertTrue(body(messageTo("mary@links.example")).contains("is no longer linked"), body(messageTo("mary@links.example")));
        assertEquals(1, events("REMOVE_FEDERATED_IDENTITY", id("mary")).size());
    }

    @Test
    void aWrongPasswordLinksNothingAndCountsAsAFailedSignInOfThatAccount() throws Exception {
        try (Browser browser = new Browser()) {
            HtmlPage page = signIn(browser, "max", "Max-Passw0rd!");
            HtmlPage wrong = browser.submit(page, "kcentra-link-form", Map.of("username", "mona", "password", "not-her-password"));
            assertTrue(wrong.asNormalizedText().contains("Invalid username or password of the account to link. Nothing was linked."),
                    wrong.asNormalizedText());
            HtmlPage unknown = browser.submit(wrong, "kcentra-link-form", Map.of("username", "nobody-here", "password", "x"));
            assertTrue(unknown.asNormalizedText().contains("Nothing was linked"), "an unknown account gets the same answer");
        }
        assertEquals("none", links().get("users/" + id("mona")).get("role"));
        assertEquals("none", links().get("users/" + id("max")).get("role"), "a failed link enrolls nobody");
        assertEquals(1, failures("mona"), "brute-force protection counted the wrong password");
        List<EventRepresentation> errors = events("FEDERATED_IDENTITY_LINK_ERROR", id("max"));
        assertTrue(errors.stream().anyMatch(e -> "kcentra_link_invalid_credentials".equals(e.getError())
                && "mona".equals(e.getDetails().get("kcentra_linked_username"))), errors.toString());
    }

    @Test
    void anAccountAlreadyLinkedOrAlreadyAMasterCannotBeLinked() throws Exception {
        UserRepresentation a = createUser("already-a");
        UserRepresentation b = createUser("already-b");
        UserRepresentation c = createUser("already-c");
        assertEquals(201, linkAsAdmin(a.getId(), b.getId()).statusCode());
        try (Browser browser = new Browser()) {
            HtmlPage page = signIn(browser, c.getUsername(), password(c));
            HtmlPage linkedElsewhere = browser.submit(page, "kcentra-link-form", Map.of("username", b.getUsername(), "password", password(b)));
            assertTrue(linkedElsewhere.asNormalizedText().contains("This account is already linked to an account. Nothing was changed."),
                    linkedElsewhere.asNormalizedText());
            HtmlPage master = browser.submit(linkedElsewhere, "kcentra-link-form", Map.of("username", a.getUsername(), "password", password(a)));
            assertTrue(master.asNormalizedText().contains("cannot be linked to yours"), master.asNormalizedText());
            HtmlPage self = browser.submit(master, "kcentra-link-form", Map.of("username", c.getUsername(), "password", password(c)));
            assertTrue(self.asNormalizedText().contains("an account cannot be linked to itself"), self.asNormalizedText());
        }
        assertEquals("none", links().get("users/" + c.getId()).get("role"), "no refused link enrolled c");
        assertEquals(a.getId(), ((Map<?, ?>) links().get("users/" + b.getId()).get("master")).get("userId"), "b stays linked to a");
        assertEquals(409, linkAsAdmin(b.getId(), c.getId()).statusCode(), "a linked account cannot become a master: no chains");
        assertEquals(409, linkAsAdmin(c.getId(), a.getId()).statusCode(), "a master cannot be linked");
        assertEquals(409, linkAsAdmin(a.getId(), a.getId()).statusCode());
        assertEquals(404, linkAsAdmin(a.getId(), "no-such-user").statusCode());
        assertEquals(400, links().send("POST", "users/" + a.getId() + "/links", "{}").statusCode());
    }

    @Test
    void concurrentLinksLeaveExactlyOneConsistentOutcome() throws Exception {
        int masters = 6;
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < masters; i++) {
            candidates.add(createUser("race-master-" + i).getId());
        }
        String contested = createUser("race-contested").getId();
        List<Integer> statuses = race(candidates.stream().<Callable<Integer>>map(master -> () -> linkAsAdmin(master, contested).statusCode()).toList());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(masters - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        Map<?, ?> master = (Map<?, ?>) links().get("users/" + contested).get("master");
        assertTrue(candidates.contains((String) master.get("userId")));

        // Crossed links: x links y while y links x. Either may win, never both (that would be a cycle).
        for (int round = 0; round < 5; round++) {
            String x = createUser("cross-x-" + round).getId();
            String y = createUser("cross-y-" + round).getId();
            List<Integer> crossed = race(List.of(() -> linkAsAdmin(x, y).statusCode(), () -> linkAsAdmin(y, x).statusCode()));
            assertEquals(List.of(201, 409), crossed.stream().sorted().toList(), "round " + round);
            Object roleX = links().get("users/" + x).get("role");
            Object roleY = links().get("users/" + y).get("role");
            assertEquals(Set.of("master", "linked"), Set.of(roleX, roleY), "round " + round + ": " + roleX + "/" + roleY);
        }
    }

    @Test
    void forgedChangesAreRefusedAndChangeNothing() throws Exception {
        UserRepresentation master = createUser("csrf-master");
        UserRepresentation account = createUser("csrf-linked");
        HttpResponse<String> created = linkAsAdmin(master.getId(), account.getId());
        String link = (String) JsonSerialization.readValue(created.body(), Map.class).get("id");
        try (Browser browser = new Browser()) {
            HtmlPage page = signIn(browser, master.getUsername(), password(master));
            URI unlink = URI.create(realm.getBaseUrl() + "/kcentra-links/unlink");
            for (Map<String, String> forged : List.of(Map.of("link", link, "confirmed", "true"),
                    Map.of("link", link, "confirmed", "true", "csrf", "guessed-value"))) {
                Page answer = browser.post(unlink, forged);
                assertEquals(400, answer.getWebResponse().getStatusCode());
                assertTrue(answer.getWebResponse().getContentAsString().contains("Nothing was changed"));
            }
            assertEquals("linked", links().get("users/" + account.getId()).get("role"), "the forged unlinks changed nothing");
            String csrf = ((HtmlInput) page.getFirstByXPath("//form[@id='kcentra-unlink-" + link + "']//input[@name='csrf']")).getValue();
            try (Browser other = new Browser()) {
                signIn(other, "rita", "Rita-Passw0rd!");
                Page elsewhere = other.post(unlink, Map.of("link", link, "confirmed", "true", "csrf", csrf));
                assertEquals(400, elsewhere.getWebResponse().getStatusCode(), "another session's value is no good either");
            }
            try (Browser anonymous = new Browser()) {
                anonymous.webClient().getOptions().setRedirectEnabled(false);
                Page noSession = anonymous.post(unlink, Map.of("link", link, "confirmed", "true", "csrf", csrf));
                assertEquals(303, noSession.getWebResponse().getStatusCode(), "without a session: to the sign-in");
            }
            Page other = browser.post(URI.create(realm.getBaseUrl() + "/kcentra-links/unlink"),
                    Map.of("link", "someone-elses", "confirmed", "true", "csrf", csrf));
            assertTrue(other.getWebResponse().getContentAsString().contains("That linked account was not found"));
        }
        assertEquals("linked", links().get("users/" + account.getId()).get("role"));
        assertTrue(events("FEDERATED_IDENTITY_LINK_ERROR", master.getId()).stream().anyMatch(e -> "invalid_csrf_token".equals(e.getError())));
    }

    @Test
    void deletingAUserRemovesItsLinks() throws Exception {
        UserRepresentation master = createUser("gone-master");
        UserRepresentation first = createUser("gone-first");
        UserRepresentation second = createUser("gone-second");
        assertEquals(201, linkAsAdmin(master.getId(), first.getId()).statusCode());
        assertEquals(201, linkAsAdmin(master.getId(), second.getId()).statusCode());

        realm.admin().users().delete(first.getId()).close();
        assertEquals(1, ((List<?>) links().get("users/" + master.getId()).get("links")).size(), "the deleted account's link is gone");
        realm.admin().users().delete(master.getId()).close();
        assertEquals("none", links().get("users/" + second.getId()).get("role"), "a deleted master frees its linked accounts");
        assertEquals(200, passwordGrant(second.getUsername(), password(second)).statusCode());
    }

    @Test
    void allowAuthenticationDecidesWhetherALinkedAccountProvesItsMasterInTheResetCredentialsFlow() throws Exception {
        UserRepresentation master = createUser("reset-master");
        UserRepresentation account = createUser("reset-linked");
        String link = (String) JsonSerialization.readValue(linkAsAdmin(master.getId(), account.getId()).body(), Map.class).get("id");

        try (Browser browser = new Browser()) {
            HtmlPage sent = browser.submit(forgotPassword(browser), "kc-reset-password-form", Map.of("username", master.getUsername()));
            assertTrue(sent.asNormalizedText().contains("You should receive an email shortly"), "switch off: the email path " + sent.asXml());
        }
        realm.updateWithCleanup(r -> r.update(rep -> rep.setResetCredentialsFlow("links reset with linked account only")));
        try (Browser browser = new Browser()) {
            HtmlPage disabled = browser.submit(forgotPassword(browser), "kc-reset-password-form", Map.of("username", master.getUsername()));
            assertTrue(disabled.asNormalizedText().contains("Linked-account authentication is disabled"), disabled.asNormalizedText());
        }

        try (Browser browser = new Browser()) {
            HtmlPage page = signIn(browser, master.getUsername(), password(master));
            HtmlPage on = browser.submit(page, "kcentra-allow-" + link, Map.of());
            assertTrue(on.asNormalizedText().contains("can now confirm it is you"), on.asNormalizedText());
        }
        assertEquals(true, ((Map<?, ?>) ((List<?>) links().get("users/" + master.getId()).get("links")).get(0)).get("allowAuthentication"));
        try (Browser browser = new Browser()) {
            HtmlPage form = browser.submit(forgotPassword(browser), "kc-reset-password-form", Map.of("username", master.getUsername()));
            HtmlPage wrong = browser.submit(form, "kc-linked-account-form", Map.of("username", account.getUsername(), "password", "wrong"));
            assertTrue(wrong.asNormalizedText().contains("Invalid linked account or password."), wrong.asNormalizedText());
            HtmlPage notLinked = browser.submit(wrong, "kc-linked-account-form", Map.of("username", "rita", "password", "Rita-Passw0rd!"));
            assertTrue(notLinked.asNormalizedText().contains("Invalid linked account or password."), "an account not linked to the master proves nothing");
            HtmlPage update = browser.submit(notLinked, "kc-linked-account-form", Map.of("username", account.getUsername(), "password", password(account)));
            HtmlPage done = browser.submit(update, "kc-passwd-update-form", Map.of("password-new", "Master-New-1!", "password-confirm", "Master-New-1!"));
            assertEquals(200, done.getWebResponse().getStatusCode(), done.asNormalizedText());
        }
        assertEquals(200, passwordGrant(master.getUsername(), "Master-New-1!").statusCode(), "the master reset its password through its linked account");
        MimeMessage told = awaitMessage(master.getEmail(), "Your linked account confirmed it is you");
        assertTrue(body(told).contains("Your linked account " + account.getUsername() + " has just been used to confirm it is you"), body(told));
        assertTrue(Arrays.stream(mail.getReceivedMessages()).noneMatch(m -> subject(m).contains("confirmed it is you") && !to(m).equals(master.getEmail())),
                "only the master is told");
    }

    @Test
    void theMasterSetsALinkedAccountsPasswordAndUnlocksItAndTheUnlockFlowUnlocksTheMaster() throws Exception {
        UserRepresentation master = createUser("unlock-master");
        UserRepresentation account = createUser("unlock-linked");
        String link = (String) JsonSerialization.readValue(linkAsAdmin(master.getId(), account.getId()).body(), Map.class).get("id");
        for (int i = 0; i < 3; i++) {
            passwordGrant(account.getUsername(), "wrong-" + i);
        }
        awaitLocked(account.getId(), true);
        try (Browser browser = new Browser()) {
            HtmlPage page = signIn(browser, master.getUsername(), password(master));
            assertTrue(page.getElementById("kcentra-link-" + link).asNormalizedText().contains("locked after failed sign-ins"), page.asNormalizedText());
            HtmlPage unlocked = browser.submit(page, "kcentra-unlock-" + link, Map.of());
            assertTrue(unlocked.asNormalizedText().contains("has been unlocked"), unlocked.asNormalizedText());
            HtmlPage mismatch = browser.submit(unlocked, "kcentra-password-" + link, Map.of("password-new", "Linked-New-1!", "password-confirm", "other"));
            assertTrue(mismatch.asNormalizedText().contains("Passwords don't match"), mismatch.asNormalizedText());
            HtmlPage set = browser.submit(mismatch, "kcentra-password-" + link, Map.of("password-new", "Linked-New-1!", "password-confirm", "Linked-New-1!"));
            assertTrue(set.asNormalizedText().contains("has been changed"), set.asNormalizedText());
        }
        awaitLocked(account.getId(), false);
        assertEquals(204, links().send("DELETE", "links/" + link, "").statusCode());
        assertEquals(200, passwordGrant(account.getUsername(), "Linked-New-1!").statusCode(), "unlinked, it signs in with the password its master set");

        // The unlock flow: the master is locked out, proves itself with a linked account, and is unlocked.
        UserRepresentation other = createUser("unlock-other");
        String otherLink = (String) JsonSerialization.readValue(linkAsAdmin(master.getId(), other.getId()).body(), Map.class).get("id");
        assertEquals(204, links().send("PUT", "links/" + otherLink, "{\"allowAuthentication\": true}").statusCode());
        for (int i = 0; i < 3; i++) {
            passwordGrant(master.getUsername(), "wrong-" + i);
        }
        awaitLocked(master.getId(), true);
        try (Browser browser = new Browser()) {
            HtmlPage form = browser.submit(forgotPassword(browser), "kc-reset-password-form", Map.of("username", master.getUsername()));
            HtmlPage update = browser.submit(form, "kc-linked-account-form", Map.of("username", other.getUsername(), "password", password(other)));
            assertNotNull(update.getElementById("kc-passwd-update-form"), update.asNormalizedText());
        }
        awaitLocked(master.getId(), false);
        assertTrue(events("CUSTOM_REQUIRED_ACTION", master.getId()).stream()
                .anyMatch(e -> "kcentra-clear-lockout".equals(e.getDetails().get("custom_required_action"))));
        assertTrue(realm.admin().getAdminEvents().stream().map(AdminEventRepresentation::getResourcePath)
                .anyMatch(p -> p != null && p.endsWith("links/" + otherLink)), "the admin's switch change is an admin event");
    }

    @Test
    void aLinkedAccountThatResetsItsPasswordByEmailGetsTheRefusalAndNoSession() throws Exception {
        UserRepresentation master = createUser("forgot-master");
        UserRepresentation account = createUser("forgot-linked");
        assertEquals(201, linkAsAdmin(master.getId(), account.getId()).statusCode());
        mail.runCleanup();
        try (Browser browser = new Browser()) {
            HtmlPage sent = browser.submit(forgotPassword(browser), "kc-reset-password-form", Map.of("username", account.getUsername()));
            assertTrue(sent.asNormalizedText().contains("You should receive an email shortly"), sent.asNormalizedText());
            MimeMessage reset = awaitMessage(account.getEmail(), "Reset password");
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("(https?://\\S+/login-actions/action-token\\S+)").matcher(body(reset));
            assertTrue(link.find(), body(reset));
            HtmlPage refused = browser.open(URI.create(link.group(1)));
            assertEquals(403, refused.getWebResponse().getStatusCode(), refused.asNormalizedText());
            assertTrue(refused.asNormalizedText().contains("Sign in with your main (master) account instead"), refused.asNormalizedText());
            assertTrue(refused.getElementById("kc-passwd-update-form") == null, "no new password for a linked account");
            try (Browser elsewhere = new Browser()) {
                HtmlPage alsoRefused = elsewhere.open(URI.create(link.group(1)));
                assertEquals(403, alsoRefused.getWebResponse().getStatusCode(), "in another browser too: " + alsoRefused.asNormalizedText());
            }
        }
        assertTrue(realm.admin().users().get(account.getId()).getUserSessions().isEmpty(), "the reset made no session for the linked account");
        assertTrue(events("LOGIN_ERROR", account.getId()).stream().anyMatch(e -> "kcentra_linked_account".equals(e.getError())
                && master.getId().equals(e.getDetails().get("kcentra_master_user_id"))), "the refusal is an event");
    }

    @Test
    void linkingAllowingAuthenticationAndSettingAPasswordNeedAFreshSignIn() throws Exception {
        UserRepresentation master = createUser("fresh-master");
        UserRepresentation toLink = createUser("fresh-to-link");
        UserRepresentation linked = createUser("fresh-linked");
        String link = (String) JsonSerialization.readValue(linkAsAdmin(master.getId(), linked.getId()).body(), Map.class).get("id");
        // The realm's one setting: Keycloak's "Maximum Age of Authentication" of the "Link an account" action.
        RequiredActionConfigRepresentation maxAge = new RequiredActionConfigRepresentation();
        maxAge.setConfig(Map.of("max_auth_age", String.valueOf(FRESH_SECONDS)));
        realm.admin().flows().updateRequiredActionConfig("kcentra-link-account", maxAge);
        realm.cleanup().add(r -> r.flows().removeRequiredActionConfig("kcentra-link-account"));
        try (Browser browser = new Browser()) {
            HtmlPage page = signIn(browser, master.getUsername(), password(master));
            Thread.sleep((FRESH_SECONDS + 2) * 1000L);
            assertNotNull(browser.open(linkAction()).getElementById("kc-form-login"), "the app-initiated action asks for the same fresh sign-in");
            HtmlPage stale = browser.submit(page, "kcentra-link-form", Map.of("username", toLink.getUsername(), "password", password(toLink)));
            assertNotNull(stale.getElementById("kc-form-login"), "an old sign-in is asked again: " + stale.asNormalizedText());
            assertEquals("none", links().get("users/" + toLink.getId()).get("role"), "nothing linked with the old sign-in");
            HtmlPage staleAllow = browser.submit(page, "kcentra-allow-" + link, Map.of());
            assertNotNull(staleAllow.getElementById("kc-form-login"), staleAllow.asNormalizedText());
            HtmlPage stalePassword = browser.submit(page, "kcentra-password-" + link, Map.of("password-new", "Fresh-New-1!", "password-confirm", "Fresh-New-1!"));
            assertNotNull(stalePassword.getElementById("kc-form-login"), stalePassword.asNormalizedText());
            assertEquals(false, linkOf(master.getId()).get("allowAuthentication"), "not switched on with the old sign-in");

            // Keycloak's re-authentication: the user is known, only the password is asked.
            HtmlPage back = browser.submit(stalePassword, "kc-form-login", Map.of("password", password(master)));
            assertTrue(back.asNormalizedText().contains("You have signed in again"), back.asNormalizedText());
            HtmlPage linkedNow = browser.submit(back, "kcentra-link-form", Map.of("username", toLink.getUsername(), "password", password(toLink)));
            assertTrue(linkedNow.asNormalizedText().contains("Account has been successfully linked"), linkedNow.asNormalizedText());
            HtmlPage allowed = browser.submit(linkedNow, "kcentra-allow-" + link, Map.of());
            assertTrue(allowed.asNormalizedText().contains("can now confirm it is you"), allowed.asNormalizedText());
            HtmlPage set = browser.submit(allowed, "kcentra-password-" + link, Map.of("password-new", "Fresh-New-1!", "password-confirm", "Fresh-New-1!"));
            assertTrue(set.asNormalizedText().contains("has been changed"), set.asNormalizedText());
            Thread.sleep((FRESH_SECONDS + 2) * 1000L);
            HtmlPage off = browser.submit(set, "kcentra-allow-" + link, Map.of());
            assertTrue(off.asNormalizedText().contains("can no longer confirm it is you"), "switching off needs no fresh sign-in: " + off.asNormalizedText());
        }
        assertEquals("linked", links().get("users/" + toLink.getId()).get("role"));
    }

    @Test
    void anAdminChangesOnlyLinksOfAccountsItManagesAndSeesOnlyAccountsItMayView() throws Exception {
        AdminRestCalls delegated = new AdminRestCalls(delegatedRealm, admin, "kcentra-links");
        Map<String, String> ids = new java.util.HashMap<>();
        for (UserRepresentation user : delegatedRealm.admin().users().search("", 0, 100)) {
            ids.put(user.getUsername(), user.getId());
        }
        String hiddenLink = linkId(delegated.send("POST", "users/" + ids.get("d-master") + "/links", "{\"userId\": \"" + ids.get("d-hidden") + "\"}"));
        String viewedLink = linkId(delegated.send("POST", "users/" + ids.get("d-master") + "/links", "{\"userId\": \"" + ids.get("d-viewed") + "\"}"));
        String managedLink = linkId(delegated.send("POST", "users/" + ids.get("d-master") + "/links", "{\"userId\": \"" + ids.get("d-managed") + "\"}"));
        linkId(delegated.send("POST", "users/" + ids.get("d-hidden-master") + "/links", "{\"userId\": \"" + ids.get("d-viewed-2") + "\"}"));

        // The delegate may manage d-master and d-managed, only view d-viewed and d-viewed-2, and nothing else.
        ClientResource permissions = delegatedRealm.admin().clients().get(
                delegatedRealm.admin().clients().findByClientId("admin-permissions").get(0).getId());
        UserPolicyRepresentation delegate = new UserPolicyRepresentation();
        delegate.setName("the delegate");
        delegate.addUser(ids.get("delegate"));
        permissions.authorization().policies().user().create(delegate).close();
        permit(permissions, Set.of(ids.get("d-master"), ids.get("d-managed")), Set.of("view", "manage"));
        permit(permissions, Set.of(ids.get("d-viewed"), ids.get("d-viewed-2")), Set.of("view"));
        String token = (String) JsonSerialization.readValue(tokenResponse(delegatedRealm, "delegate-cli", "delegate", "Delegate-Passw0rd!").body(),
                Map.class).get("access_token");
        assertNotNull(token);

        HttpResponse<String> master = delegated.sendAs(token, "GET", "users/" + ids.get("d-master"), "");
        assertEquals(200, master.statusCode(), master.body());
        List<?> shown = (List<?>) JsonSerialization.readValue(master.body(), Map.class).get("links");
        assertEquals(Set.of("d-viewed", "d-managed"), shown.stream().map(l -> ((Map<?, ?>) ((Map<?, ?>) l).get("account")).get("username")).collect(java.util.stream.Collectors.toSet()),
                "a linked account the admin may not view is not listed: " + master.body());
        HttpResponse<String> viewed = delegated.sendAs(token, "GET", "users/" + ids.get("d-viewed-2"), "");
        assertEquals(200, viewed.statusCode(), viewed.body());
        Map<?, ?> viewedLinks = JsonSerialization.readValue(viewed.body(), Map.class);
        assertEquals("linked", viewedLinks.get("role"));
        assertEquals(null, viewedLinks.get("master"), "a master the admin may not view is not named: " + viewed.body());
        assertEquals(null, viewedLinks.get("linkId"));
        assertEquals(403, delegated.sendAs(token, "GET", "users/" + ids.get("d-hidden"), "").statusCode());

        assertEquals(403, delegated.sendAs(token, "PUT", "links/" + hiddenLink, "{\"allowAuthentication\": true}").statusCode(),
                "the switch needs manage permission on the linked account too");
        assertEquals(403, delegated.sendAs(token, "DELETE", "links/" + viewedLink, "").statusCode(), "so does unlinking");
        assertEquals(403, delegated.sendAs(token, "PUT", "links/" + viewedLink, "{\"allowAuthentication\": true}").statusCode());
        List<?> unchanged = (List<?>) delegated.get("users/" + ids.get("d-master")).get("links");
        assertEquals(3, unchanged.size(), "nothing unlinked");
        assertTrue(unchanged.stream().noneMatch(l -> Boolean.TRUE.equals(((Map<?, ?>) l).get("allowAuthentication"))), "nothing switched on");

        assertEquals(204, delegated.sendAs(token, "PUT", "links/" + managedLink, "{\"allowAuthentication\": true}").statusCode(),
                "both accounts managed: the switch is the admin's");
        assertEquals(204, delegated.sendAs(token, "DELETE", "links/" + managedLink, "").statusCode());
        assertEquals("none", delegated.get("users/" + ids.get("d-managed")).get("role"));
    }

    private static String linkId(HttpResponse<String> created) throws Exception {
        assertEquals(201, created.statusCode(), created.body());
        return (String) JsonSerialization.readValue(created.body(), Map.class).get("id");
    }

    private static void permit(ClientResource permissions, Set<String> userIds, Set<String> scopes) {
        ScopePermissionRepresentation permission = new ScopePermissionRepresentation();
        permission.setName("delegate " + String.join(",", scopes) + " " + String.join(",", userIds));
        permission.setResourceType("Users");
        permission.setResources(userIds);
        permission.setScopes(scopes);
        permission.addPolicy("the delegate");
        try (var response = permissions.authorization().permissions().scope().create(permission)) {
            assertEquals(201, response.getStatus());
        }
    }

    private Map<?, ?> linkOf(String masterId) throws Exception {
        return (Map<?, ?>) ((List<?>) links().get("users/" + masterId).get("links")).get(0);
    }

    @Test
    void anAppAsksItsSignedInUserToLinkAnAccountAndTheUserMayCancel() throws Exception {
        UserRepresentation master = createUser("aia-master");
        UserRepresentation account = createUser("aia-linked");
        try (Browser browser = new Browser()) {
            signIn(browser, master.getUsername(), password(master));
            HtmlPage cancel = browser.open(linkAction());
            assertTrue(cancel.asXml().contains("template: kcentra-link-account.ftl"), cancel.asNormalizedText());
            browser.webClient().getOptions().setRedirectEnabled(false);
            Page cancelled = cancel.<org.htmlunit.html.HtmlButton>getFirstByXPath("//button[@name='cancel-aia']").click();
            browser.webClient().getOptions().setRedirectEnabled(true);
            assertTrue(cancelled.getWebResponse().getResponseHeaderValue("Location").contains("kc_action_status=cancelled"),
                    cancelled.getWebResponse().getResponseHeaderValue("Location"));
            assertEquals("none", links().get("users/" + account.getId()).get("role"), "cancelled: nothing linked");

            HtmlPage form = browser.open(linkAction());
            HtmlPage wrong = browser.submit(form, "kcentra-link-account-form", Map.of("username", account.getUsername(), "password", "wrong"));
            assertTrue(wrong.asNormalizedText().contains("Nothing was linked"), wrong.asNormalizedText());
            browser.webClient().getOptions().setRedirectEnabled(false);
            org.htmlunit.html.HtmlForm linkForm = wrong.getHtmlElementById("kcentra-link-account-form");
            linkForm.getInputByName("username").setValue(account.getUsername());
            linkForm.getInputByName("password").setValue(password(account));
            Page linked = linkForm.<org.htmlunit.html.HtmlButton>getFirstByXPath(".//button[@type='submit']").click();
            browser.webClient().getOptions().setRedirectEnabled(true);
            assertTrue(linked.getWebResponse().getResponseHeaderValue("Location").contains("kc_action_status=success"),
                    linked.getWebResponse().getResponseHeaderValue("Location"));
        }
        assertEquals(master.getId(), ((Map<?, ?>) links().get("users/" + account.getId()).get("master")).get("userId"));
    }

    /** The page's own client asking for the "Link an account" action, as any app would. */
    private URI linkAction() {
        String home = realm.getBaseUrl() + "/kcentra-links/";
        return URI.create(realm.getBaseUrl() + "/protocol/openid-connect/auth?client_id=kcentra-linked-accounts&response_type=code"
                + "&scope=openid&redirect_uri=" + URLEncoder.encode(home, StandardCharsets.UTF_8) + "&kc_action=kcentra-link-account"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private HtmlPage signIn(Browser browser, String username, String password) {
        HtmlPage login = browser.open(URI.create(realm.getBaseUrl() + "/kcentra-links/"));
        HtmlPage page = browser.submit(login, "kc-form-login", Map.of("username", username, "password", password));
        assertNotNull(page.getElementById("kcentra-linked-accounts"), page.asNormalizedText());
        return page;
    }

    private HtmlPage forgotPassword(Browser browser) {
        HtmlPage login = browser.open(URI.create(realm.getBaseUrl() + "/kcentra-links/"));
        return login.getAnchors().stream().filter(a -> a.getHrefAttribute().contains("reset-credentials")).findFirst()
                .map(a -> {
                    try {
                        return (HtmlPage) a.click();
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                }).orElseThrow(() -> new AssertionError("no forgot-password link: " + login.asNormalizedText()));
    }

    private AdminRestCalls links() {
        return new AdminRestCalls(realm, admin, "kcentra-links");
    }

    private HttpResponse<String> linkAsAdmin(String masterId, String accountId) throws Exception {
        return links().send("POST", "users/" + masterId + "/links", "{\"userId\": " + AdminRestCalls.json(accountId) + "}");
    }

    private UserRepresentation createUser(String username) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setFirstName("First");
        user.setLastName("Last");
        user.setEmail(username + "@links.example");
        user.setEmailVerified(true);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password(user));
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (var response = realm.admin().users().create(user)) {
            assertEquals(201, response.getStatus());
            String location = response.getLocation().toString();
            user.setId(location.substring(location.lastIndexOf('/') + 1));
        }
        realm.cleanup().add(r -> r.users().delete(user.getId()).close());
        return user;
    }

    private static String password(UserRepresentation user) {
        return "Pw-" + user.getUsername() + "-1!";
    }

    private String id(String username) {
        return realm.admin().users().searchByUsername(username, true).get(0).getId();
    }

    private HttpResponse<String> passwordGrant(String username, String password) throws Exception {
        return tokenResponse(realm, "links-cli", username, password);
    }

    private static HttpResponse<String> tokenResponse(ManagedRealm realm, String clientId, String username, String password) throws Exception {
        String form = "grant_type=password&client_id=" + clientId + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return AdminRestCalls.HTTP.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<EventRepresentation> events(String type, String userId) {
        return realm.admin().getEvents(List.of(type), null, userId, null, null, null, null, null);
    }

    /** Brute-force bookkeeping runs on Keycloak's executor, after the answer: wait for it. */
    private int failures(String username) throws InterruptedException {
        String userId = id(username);
        for (int i = 0; i < 50; i++) {
            Object count = realm.admin().attackDetection().bruteForceUserStatus(userId).get("numFailures");
            if (count instanceof Number n && n.intValue() > 0) {
                return n.intValue();
            }
            Thread.sleep(100);
        }
        return 0;
    }

    private void awaitLocked(String userId, boolean locked) throws InterruptedException {
        Object disabled = null;
        for (int i = 0; i < 50; i++) {
            disabled = realm.admin().attackDetection().bruteForceUserStatus(userId).get("disabled");
            if (Boolean.valueOf(locked).equals(disabled)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("user " + userId + " locked=" + disabled + ", expected " + locked);
    }

    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> recipients() throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            to.add(message.getAllRecipients()[0].toString());
        }
        return to.stream().sorted().toList();
    }

    /** The first email to {@code address} whose subject contains {@code subject}, waiting for it. */
    private MimeMessage awaitMessage(String address, String subject) throws Exception {
        for (int i = 0; i < 150; i++) {
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (to(message).equals(address) && subject(message).contains(subject)) {
                    return message;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no email \"" + subject + "\" to " + address);
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (Exception e) {
            return "";
        }
    }

    private MimeMessage messageTo(String address) throws Exception {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no email to " + address));
    }

    private static String body(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            return String.valueOf(multipart.getBodyPart(0).getContent());
        }
        return String.valueOf(content);
    }
}
