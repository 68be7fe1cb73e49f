package dev.kcentra.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcentra.testsupport.AdminApi;
import dev.kcentra.testsupport.KeycloakServer;
import dev.kcentra.testsupport.PortGuard;
import dev.kcentra.testsupport.VaultTestKeystore;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared-credential vault against Keycloak's own account REST endpoint, in one run on one Keycloak:
 * <ol>
 * <li>launches per second and p50/p99 latency at N concurrent users (each launch = the My apps POST that issues the
 * launch token in a cookie + the GET that redeems it for the credential form), against {@code GET /realms/{realm}/account} with
 * a bearer token at the same concurrency; rounds alternate account, launch, launch, account;</li>
 * <li>the time to rotate M credentials with the manual rotator, against the time to write the same M credentials
 * (admin REST, plain new version) just before.</li>
 * </ol>
 */
public final class VaultBenchmark {

    static final String KEYCLOAK = BenchKeycloak.URL;
    static final String REALM = VaultTestKeystore.REALMS.get(0);
    static final String PASSWORD = "Bench-Password-1!";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOGIN_FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private VaultBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int users = Integer.getInteger("bench.vault.users", 50);
        int seconds = Integer.getInteger("bench.vault.seconds", 20);
        int rotations = Integer.getInteger("bench.vault.rotations", 10_000);
        Path home = Path.of(System.getProperty("bench.home", "target/bench")).resolve("vault");
        PortGuard.requireFree("the vault benchmark", 8080, 9000);
        Files.createDirectories(home);

        try (KeycloakServer ignored = BenchKeycloak.start(home, "--spi-theme--cache-themes=true", "--spi-theme--cache-templates=true",
                "--spi-kcentra-vault-keys--provider=keystore",
                "--spi-kcentra-vault-keys--keystore--file=" + VaultTestKeystore.file(),
                "--spi-kcentra-vault-keys--keystore--password=" + VaultTestKeystore.PASSWORD)) {
            AdminApi admin = new AdminApi(KEYCLOAK, "admin", "admin");
            admin.importRealm(realm(users));
            String group = admin.get("/admin/realms/" + REALM + "/groups?search=Staff").get(0).path("id").asText();
            String app = createApp(admin, "Bench app", group);

            List<VirtualUser> people = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                people.add(VirtualUser.signIn("user" + i));
            }
            System.out.printf("%d users signed in to My apps and hold account tokens%n", users);
            for (VirtualUser person : people) {
                person.launch(app);
                person.account();
            }

            System.out.println("Warm-up (not counted):");
            for (int i = 0; i < 2; i++) {
                round("account", people, seconds, person -> person.account());
                round("launch", people, seconds, person -> person.launch(app));
            }
            System.out.println("Measured:");
            List<Round> account = new ArrayList<>();
            List<Round> launch = new ArrayList<>();
            for (int cycle = 0; cycle < 2; cycle++) {
                account.add(round("account", people, seconds, person -> person.account()));
                launch.add(round("launch", people, seconds, person -> person.launch(app)));
                launch.add(round("launch", people, seconds, person -> person.launch(app)));
                account.add(round("account", people, seconds, person -> person.account()));
            }
            Round accountAll = Round.merge(account);
            Round launchAll = Round.merge(launch);
            System.out.println();
            System.out.printf("At %d concurrent users, %d s rounds x 4 each (Keycloak and this client share the machine):%n", users, seconds);
            System.out.printf("  GET /realms/%s/account : %8.1f req/s      p50 %6.1f ms  p99 %6.1f ms%n", REALM, accountAll.perSecond(),
                    accountAll.percentile(50), accountAll.percentile(99));
            System.out.printf("  vault launch            : %8.1f launches/s p50 %6.1f ms  p99 %6.1f ms%n", launchAll.perSecond(),
                    launchAll.percentile(50), launchAll.percentile(99));
            System.out.printf("  ratio launches/s : account req/s = %.2f (target >= 0.5)%n", launchAll.perSecond() / accountAll.perSecond());

            if (rotations > 0) {
                rotationRun(admin, rotations);
            }
        }
    }

    private static void rotationRun(AdminApi admin, int count) throws Exception {
        List<String> apps = new ArrayList<>(count);
        long created = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            ids.add(pool.submit(() -> createApp(admin, "Rotate " + n, null)));
        }
        for (Future<String> id : ids) {
            apps.add(id.get());
        }
        System.out.printf("%nCreated %d apps in %.1f s%n", count, (System.nanoTime() - created) / 1e9);
        double write = timed(pool, apps, app -> admin.call("PUT", "/admin/realms/" + REALM + "/kcentra-vault/apps/" + app + "/credential",
                "{\"username\": \"svc\", \"password\": \"Written-" + app + "\"}"));
        double rotate = timed(pool, apps, app -> admin.call("POST", "/admin/realms/" + REALM + "/kcentra-vault/apps/" + app + "/rotate",
                "{\"password\": \"Rotated-" + app + "\"}"));
        pool.shutdown();
        System.out.printf("Rotate %d credentials (manual rotator, 4 admin threads): %.1f s (%.0f/s); writing %d new versions: %.1f s (%.0f/s);"
                + " ratio rotate time : write time = %.2f%n", count, rotate, count / rotate, count, write, count / write, rotate / write);
    }

    interface AppCall {
        void run(String app) throws Exception;
    }

    private static double timed(ExecutorService pool, List<String> apps, AppCall call) throws Exception {
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (String app : apps) {
            done.add(pool.submit(() -> {
                call.run(app);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static String createApp(AdminApi admin, String name, String group) throws Exception {
        HttpResponse<String> created = admin.call("POST", "/admin/realms/" + REALM + "/kcentra-vault/apps", JSON.writeValueAsString(
                JSON.createObjectNode().put("name", name).put("loginUrl", "http://127.0.0.1:1/login").put("injection", "form")
                        .put("usernameField", "user").put("passwordField", "pass")));
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (group != null) {
            admin.call("PUT", "/admin/realms/" + REALM + "/kcentra-vault/apps/" + id + "/credential", "{\"username\": \"svc\", \"password\": \"Shared-1!\"}");
            admin.call("PUT", "/admin/realms/" + REALM + "/kcentra-vault/apps/" + id + "/groups/" + group, null);
        } else {
            admin.call("PUT", "/admin/realms/" + REALM + "/kcentra-vault/apps/" + id + "/rotation", "{\"policy\": {\"rotator\": \"manual\"}}");
        }
        return id;
    }

    interface Work {
        void run(VirtualUser person) throws Exception;
    }

    private static Round round(String name, List<VirtualUser> people, int seconds, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(people.size());
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<List<Long>>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (VirtualUser person : people) {
            results.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (!stop.get()) {
                    long t = System.nanoTime();
                    work.run(person);
                    latencies.add(System.nanoTime() - t);
                }
                return latencies;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : results) {
            all.addAll(f.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Round round = new Round(all.stream().mapToLong(Long::longValue).toArray(), elapsed);
        System.out.printf("  round %-8s %8.1f /s  p50 %6.1f ms  p99 %6.1f ms%n", name, round.perSecond(), round.percentile(50), round.percentile(99));
        return round;
    }

    record Round(long[] latencies, double seconds) {
        static Round merge(List<Round> rounds) {
            return new Round(rounds.stream().flatMapToLong(r -> Arrays.stream(r.latencies())).toArray(),
                    rounds.stream().mapToDouble(Round::seconds).sum());
        }

        double perSecond() {
            return latencies.length / seconds;
        }

        double percentile(int p) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
        }
    }

    /** One person: a browser session with My apps (cookies) and an access token for the account API. */
    static final class VirtualUser {
        private static final HttpClient API = HttpClient.newHttpClient();
        private final BenchBrowser browser = new BenchBrowser();
        private String accessToken;
        private String csrf;

        static VirtualUser signIn(String username) throws Exception {
            VirtualUser person = new VirtualUser();
            String login = person.browser.follow(person.browser.get(URI.create(KEYCLOAK + "/realms/" + REALM + "/kcentra-apps/"))).body();
            Matcher action = LOGIN_FORM_ACTION.matcher(login);
            if (!action.find()) {
                throw new IllegalStateException("no login form: " + login);
            }
            HttpResponse<String> apps = person.browser.follow(person.browser.post(action.group(1).replace("&amp;", "&"),
                    Map.of("username", username, "password", PASSWORD)));
            Matcher csrf = CSRF.matcher(apps.body());
            if (!csrf.find()) {
                throw new IllegalStateException("no My apps page for " + username + ": " + apps.statusCode() + " " + apps.body());
            }
            person.csrf = csrf.group(1);
            HttpResponse<String> token = API.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/" + REALM
                            + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=bench-account&username=" + username
                            + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                throw new IllegalStateException("no account token for " + username + ": " + token.statusCode() + " " + token.body());
            }
            person.accessToken = JSON.readTree(token.body()).path("access_token").asText();
            return person;
        }

        /** The launch (303 with the token's cookie), then its redemption: the page that posts the credential. */
        void launch(String app) throws Exception {
            HttpResponse<String> form = browser.follow(browser.post(KEYCLOAK + "/realms/" + REALM + "/kcentra-apps/launch",
                    Map.of("app", app, "csrf", csrf)));
            if (form.statusCode() != 200 || !form.body().contains("name=\"pass\"")) {
                throw new IllegalStateException("no credential form: " + form.statusCode());
            }
        }

        void account() throws Exception {
            HttpResponse<String> response = API.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/" + REALM + "/account"))
                    .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("account answered " + response.statusCode() + " " + response.headers().map() + " " + response.body());
            }
        }
    }

    static String realm(int users) throws Exception {
        ObjectNode realm = JSON.createObjectNode().put("realm", REALM).put("enabled", true)
                .put("accessTokenLifespan", 3600).put("ssoSessionIdleTimeout", 36000);
        realm.putArray("groups").addObject().put("name", "Staff");
        ArrayNode clients = realm.putArray("clients");
        clients.addObject().put("clientId", "bench-account").put("publicClient", true).put("directAccessGrantsEnabled", true)
                .put("standardFlowEnabled", false);
        ArrayNode list = realm.putArray("users");
        for (int i = 0; i < users; i++) {
            ObjectNode user = list.addObject().put("username", "user" + i).put("enabled", true).put("email", "user" + i + "@bench.example")
                    .put("firstName", "User").put("lastName", String.valueOf(i));
            // Imported users get no default roles unless named; the account API wants the account client's audience.
            user.putArray("realmRoles").add("default-roles-" + REALM);
            user.putArray("credentials").addObject().put("type", "password").put("value", PASSWORD);
            user.putArray("groups").add("/Staff");
        }
        return JSON.writeValueAsString(realm);
    }
}
