package dev.kcentra.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.standin.StandInOptions;
import dev.kcentra.testsupport.AdminApi;
import dev.kcentra.testsupport.KeycloakServer;
import dev.kcentra.testsupport.PortGuard;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.stream.Collectors;

/**
 * Identity-first sign-in against Keycloak's own, in one run on one Keycloak:
 * <ol>
 * <li>password sign-ins per second, the same users with the same hashing, through our identity-first flow (realm
 * {@code bench-ours}, the demo realm's flows) and through Keycloak's stock browser flow (realm {@code bench-stock});
 * rounds alternate stock, ours, ours, stock so that drift hits both;</li>
 * <li>the step that sends an SSO user to Microsoft: our identifier POST until the browser is pointed at Microsoft,
 * against Keycloak's stock identity-provider redirector ({@code kc_idp_hint}) until the same point, interleaved;</li>
 * <li>refusals on the password page: a wrong password against an unknown email and an unknown mobile number, then,
 * with brute-force detection on, a locked-out user's against a wrong password.</li>
 * </ol>
 * Prints the figures and the ratios to the stock baselines.
 */
public final class SignInBenchmark {

    static final String KEYCLOAK = BenchKeycloak.URL;
    static final String BROWSER_BASE = KEYCLOAK;
    static final String CLIENT = "bench-app";
    static final String REDIRECT = "http://127.0.0.1:1/callback";
    static final String PASSWORD = "Bench-Password-1!";
    static final String SSO_USER = "adele.vance@contoso.example";
    static final int LOGIN_PORT = 8380;
    static final int GRAPH_PORT = 8381;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOGIN_FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private SignInBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int users = Integer.getInteger("bench.signin.users", 20);
        int threads = Integer.getInteger("bench.signin.threads", 4);
        int roundSeconds = Integer.getInteger("bench.signin.seconds", 30);
        int redirects = Integer.getInteger("bench.redirects", 1000);
        int cycles = Integer.getInteger("bench.signin.cycles", 3);
        Path home = Path.of(System.getProperty("bench.home", "target/bench")).resolve("signin");
        PortGuard.requireFree("the sign-in benchmark", 8080, 9000, LOGIN_PORT, GRAPH_PORT);
        Files.createDirectories(home);

        try (EntraStandIn entra = EntraStandIn.start(new StandInOptions(demoSeed(home), LOGIN_PORT, GRAPH_PORT));
             // Templates cached as in production (start-dev re-reads them on every page, which would weigh the
             // identity-first flow's extra page far more than a production server does).
             KeycloakServer ignored = BenchKeycloak.start(home, "--spi-theme--cache-themes=true", "--spi-theme--cache-templates=true")) {
            AdminApi admin = new AdminApi(KEYCLOAK, "admin", "admin");
            admin.importRealm(oursRealm(users));
            admin.importRealm(stockRealm(users));
            String connection = admin.get("/admin/realms/bench-ours/components?type=org.keycloak.storage.UserStorageProvider").get(0).path("id").asText();
            System.out.println("Entra ID sync of bench-ours: " + admin.sync("bench-ours", connection, "triggerFullSync").path("status").asText());

            System.out.printf("Password sign-ins: %d users, %d concurrent browsers, %d x (stock, ours, ours, stock) rounds of %d s...%n",
                    users, threads, cycles, roundSeconds);
            System.out.println("  warming up both flows...");
            throughput("bench-stock", users, threads, roundSeconds);
            throughput("bench-ours", users, threads, roundSeconds);
            double stock = 0;
            double ours = 0;
            for (int cycle = 0; cycle < cycles; cycle++) {
                for (String realm : List.of("bench-stock", "bench-ours", "bench-ours", "bench-stock")) {
                    double perSecond = throughput(realm, users, threads, roundSeconds);
                    System.out.printf("  %-12s %7.1f sign-ins/s%n", realm, perSecond);
                    if (realm.equals("bench-ours")) {
                        ours += perSecond / (2.0 * cycles);
                    } else {
                        stock += perSecond / (2.0 * cycles);
                    }
                }
            }

            System.out.printf("Redirect of an SSO user to Microsoft: %d of each, interleaved...%n", redirects);
            String microsoft = entra.loginBaseUrl();
            for (int i = 0; i < 100; i++) {
                identifierRedirect(microsoft);
                hintRedirect(microsoft);
            }
            long[] identifier = new long[redirects];
            long[] hint = new long[redirects];
            for (int i = 0; i < redirects; i++) {
                identifier[i] = identifierRedirect(microsoft);
                hint[i] = hintRedirect(microsoft);
            }
            System.out.printf("Refusals on the identity-first password page: %d of each, interleaved...%n", redirects / 2);
            int refusals = redirects / 2;
            long[] wrongPassword = new long[refusals];
            long[] unknown = new long[refusals];
            long[] unknownPhone = new long[refusals];
            for (int i = 0; i < refusals; i++) {
                wrongPassword[i] = refusal("bench-" + (i % users));
                unknown[i] = refusal("nobody-" + i + "@example.com");
                unknownPhone[i] = refusal("+1 202 555 01" + String.format("%02d", i % 100));
            }
            System.out.printf("Locked-out user against a wrong password, brute-force detection on: %d of each, interleaved...%n", refusals);
            lockOut(admin, "bench-0");
            long[] lockedBaseline = new long[refusals];
            long[] locked = new long[refusals];
            for (int i = 0; i < refusals; i++) {
                lockedBaseline[i] = refusal("bench-" + (1 + i % (users - 1)));
                locked[i] = refusal("bench-0");
            }
            report(users, threads, cycles, roundSeconds, stock, ours, identifier, hint);
            reportRefusals(wrongPassword, unknown, unknownPhone);
            reportLockedOut(lockedBaseline, locked);
        }
    }

    /** Completed password sign-ins per second (code issued to the client) over {@code seconds}. */
    static double throughput(String realm, int users, int threads, int seconds) throws Exception {
        return perSecond(threads, seconds, i -> passwordSignIn(realm, "bench-" + (i % users)));
    }

    /** One unit of work of a throughput round; {@code i} counts this thread's units, threads interleaved. */
    interface Work {
        void run(int i) throws Exception;
    }

    /** Completed units of {@code work} per second, on {@code threads} threads for {@code seconds}. */
    static double perSecond(int threads, int seconds, Work work) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                workers.add(pool.submit(() -> {
                    int done = 0;
                    for (int i = first; running.get(); i += threads) {
                        work.run(i);
                        done++;
                    }
                    return done;
                }));
            }
            long started = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            running.set(false);
            int total = 0;
            for (Future<Integer> worker : workers) {
                total += worker.get();
            }
            return total / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One browser's password sign-in; throws unless the client gets a code. */
    static void passwordSignIn(String realm, String username) throws IOException, InterruptedException {
        BenchBrowser browser = new BenchBrowser();
        String page = browser.get(authorize(realm, Map.of())).body();
        if (realm.equals("bench-ours")) {
            page = browser.post(formAction(page), Map.of("username", username)).body();
            expectCode(browser.post(formAction(page), Map.of("password", PASSWORD)));
        } else {
            expectCode(browser.post(formAction(page), Map.of("username", username, "password", PASSWORD)));
        }
    }

    /** Nanoseconds from our identifier POST until the browser is sent to Microsoft. */
    static long identifierRedirect(String microsoft) throws IOException, InterruptedException {
        BenchBrowser browser = new BenchBrowser();
        String action = formAction(browser.get(authorize("bench-ours", Map.of())).body());
        long started = System.nanoTime();
        HttpResponse<String> response = browser.post(action, Map.of("username", SSO_USER));
        expectMicrosoft(browser, response, microsoft);
        return System.nanoTime() - started;
    }

    /** Nanoseconds from Keycloak's authorization request with kc_idp_hint until the browser is sent to Microsoft. */
    static long hintRedirect(String microsoft) throws IOException, InterruptedException {
        BenchBrowser browser = new BenchBrowser();
        long started = System.nanoTime();
        HttpResponse<String> response = browser.get(authorize("bench-ours", Map.of("kc_idp_hint", "entra", "login_hint", SSO_USER)));
        expectMicrosoft(browser, response, microsoft);
        return System.nanoTime() - started;
    }

    /** Nanoseconds of the password POST that refuses {@code identifier} with a wrong password. */
    static long refusal(String identifier) throws IOException, InterruptedException {
        BenchBrowser browser = new BenchBrowser();
        String page = browser.get(authorize("bench-ours", Map.of())).body();
        String action = formAction(browser.post(formAction(page), Map.of("username", identifier)).body());
        long started = System.nanoTime();
        HttpResponse<String> refused = browser.post(action, Map.of("password", "Not-The-Password-1!"));
        long took = System.nanoTime() - started;
        if (refused.statusCode() != 200 || !refused.body().contains("Invalid username or password.")) {
            throw new IllegalStateException("expected the password page's refusal, got " + refused.statusCode());
        }
        return took;
    }

    /**
     * Turns brute-force detection on for bench-ours and locks {@code username} out by two quick wrong passwords
     * (Keycloak's quick-login check; the failure factor is out of reach, so the other users' wrong passwords in the
     * same run lock nobody).
     */
    static void lockOut(AdminApi admin, String username) throws IOException, InterruptedException {
        ObjectNode realm = JSON.createObjectNode();
        realm.put("realm", "bench-ours");
        realm.put("bruteForceProtected", true);
        realm.put("permanentLockout", false);
        realm.put("failureFactor", 1_000_000);
        realm.put("quickLoginCheckMilliSeconds", 1000);
        realm.put("minimumQuickLoginWaitSeconds", 3600);
        realm.put("maxFailureWaitSeconds", 3600);
        HttpResponse<String> updated = admin.call("PUT", "/admin/realms/bench-ours", JSON.writeValueAsString(realm));
        if (updated.statusCode() != 204) {
            throw new IllegalStateException("realm update: " + updated.statusCode() + " " + updated.body());
        }
        String id = admin.get("/admin/realms/bench-ours/users?exact=true&username=" + username).get(0).path("id").asText();
        refusal(username);
        refusal(username);
        for (int i = 0; i < 100; i++) {
            if (admin.get("/admin/realms/bench-ours/attack-detection/brute-force/users/" + id).path("disabled").asBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(username + " was not locked out");
    }

    /** Follows Keycloak's own redirects (to its broker endpoint) up to the one that leaves for Microsoft. */
    private static void expectMicrosoft(BenchBrowser browser, HttpResponse<String> response, String microsoft) throws IOException, InterruptedException {
        for (int hop = 0; hop < 3; hop++) {
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElseThrow(() ->
                    new IllegalStateException("expected a redirect, got " + status));
            if (location.startsWith(microsoft)) {
                return;
            }
            response = browser.get(URI.create(location));
        }
        throw new IllegalStateException("never sent to Microsoft");
    }

    static void expectCode(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElse("");
        if (!location.startsWith(REDIRECT) || !location.contains("code=")) {
            throw new IllegalStateException("sign-in failed: " + response.statusCode() + " " + location);
        }
    }

    static URI authorize(String realm, Map<String, String> extra) {
        StringBuilder uri = new StringBuilder(BROWSER_BASE + "/realms/" + realm + "/protocol/openid-connect/auth?response_type=code&scope=openid"
                + "&client_id=" + CLIENT + "&redirect_uri=" + encode(REDIRECT) + "&state=s&nonce=n"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
        extra.forEach((name, value) -> uri.append('&').append(name).append('=').append(encode(value)));
        return URI.create(uri.toString());
    }

    static String formAction(String page) {
        Matcher matcher = LOGIN_FORM_ACTION.matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("no login form on the page");
        }
        return matcher.group(1).replace("&amp;", "&");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The demo realm (our flows, the Entra provider and connection) pointed at this run's stand-in, plus the bench users. */
    private static String oursRealm(int users) throws IOException {
        String json = resource("/realms/entra-demo-realm.json")
                .replace("http://127.0.0.1:8180", "http://127.0.0.1:" + LOGIN_PORT)
                .replace("http://127.0.0.1:8181", "http://127.0.0.1:" + GRAPH_PORT);
        ObjectNode realm = (ObjectNode) JSON.readTree(json);
        realm.put("realm", "bench-ours");
        realm.put("bruteForceProtected", false);
        realm.put("eventsEnabled", false);
        ((ArrayNode) realm.path("clients")).add(benchClient());
        ArrayNode userList = (ArrayNode) realm.path("users");
        benchUsers(users).forEach(userList::add);
        return JSON.writeValueAsString(realm);
    }

    /** Keycloak's defaults (browser flow, login theme, hashing) with the same users and client. */
    private static String stockRealm(int users) throws IOException {
        ObjectNode realm = JSON.createObjectNode();
        realm.put("realm", "bench-stock");
        realm.put("enabled", true);
        realm.put("sslRequired", "none");
        realm.putArray("clients").add(benchClient());
        ArrayNode userList = realm.putArray("users");
        benchUsers(users).forEach(userList::add);
        return JSON.writeValueAsString(realm);
    }

    static ObjectNode benchClient() {
        ObjectNode client = JSON.createObjectNode();
        client.put("clientId", CLIENT);
        client.put("enabled", true);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.putArray("redirectUris").add(REDIRECT);
        return client;
    }

    private static List<ObjectNode> benchUsers(int count) {
        List<ObjectNode> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode user = JSON.createObjectNode();
            user.put("username", "bench-" + i);
            user.put("email", "bench-" + i + "@example.com");
            user.put("emailVerified", true);
            user.put("firstName", "Bench");
            user.put("lastName", "User " + i);
            user.put("enabled", true);
            ObjectNode credential = user.putArray("credentials").addObject();
            credential.put("type", "password");
            credential.put("value", PASSWORD);
            credential.put("temporary", false);
            users.add(user);
        }
        return users;
    }

    private static Path demoSeed(Path home) throws IOException {
        Path seed = home.resolve("entra-demo-seed.json");
        Files.writeString(seed, resource("/realms/entra-demo-seed.json"));
        return seed;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SignInBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void report(int users, int threads, int cycles, int seconds, double stock, double ours, long[] identifier, long[] hint) {
        Arrays.sort(identifier);
        Arrays.sort(hint);
        System.out.println();
        System.out.printf("Sign-in benchmark: Keycloak 26.7.3 start-dev (H2 file), -Xmx1g, %d cores; %d users, %d concurrent browsers, %d x %d s per flow%n",
                Runtime.getRuntime().availableProcessors(), users, threads, 2 * cycles, seconds);
        System.out.printf("Password sign-ins/s, Keycloak's browser flow (baseline): %7.1f%n", stock);
        System.out.printf("Password sign-ins/s, identity-first flow:                %7.1f%n", ours);
        System.out.printf("Ratio identity-first / stock:                            %7.2f (target >= 0.95)%n", ours / stock);
        System.out.printf("SSO redirect, kc_idp_hint redirector (baseline): median %.2f ms, p90 %.2f ms%n", ms(median(hint)), ms(p90(hint)));
        System.out.printf("SSO redirect, identifier page POST:              median %.2f ms, p90 %.2f ms%n", ms(median(identifier)), ms(p90(identifier)));
        System.out.printf("Median difference identifier - kc_idp_hint:      %+.2f ms (target <= +1 ms)%n",
                ms(median(identifier) - median(hint)));
    }

    private static void reportRefusals(long[] wrongPassword, long[] unknown, long[] unknownPhone) {
        Arrays.sort(wrongPassword);
        Arrays.sort(unknown);
        Arrays.sort(unknownPhone);
        System.out.printf("Refusal, known user with a wrong password: median %.2f ms, p90 %.2f ms%n", ms(median(wrongPassword)), ms(p90(wrongPassword)));
        System.out.printf("Refusal, unknown email:                    median %.2f ms, p90 %.2f ms (%+.2f ms)%n", ms(median(unknown)),
                ms(p90(unknown)), ms(median(unknown) - median(wrongPassword)));
        System.out.printf("Refusal, unknown mobile number:            median %.2f ms, p90 %.2f ms (%+.2f ms)%n", ms(median(unknownPhone)),
                ms(p90(unknownPhone)), ms(median(unknownPhone) - median(wrongPassword)));
    }

    private static void reportLockedOut(long[] wrongPassword, long[] locked) {
        Arrays.sort(wrongPassword);
        Arrays.sort(locked);
        System.out.printf("Refusal, brute-force detection on, wrong password (baseline): median %.2f ms, p90 %.2f ms%n",
                ms(median(wrongPassword)), ms(p90(wrongPassword)));
        System.out.printf("Refusal, locked-out user:                                    median %.2f ms, p90 %.2f ms (%+.2f ms)%n",
                ms(median(locked)), ms(p90(locked)), ms(median(locked) - median(wrongPassword)));
        System.out.printf("Ratio locked-out / wrong password (medians):                 %7.2f (target 1.00)%n",
                (double) median(locked) / median(wrongPassword));
    }

    static long median(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    static long p90(long[] sorted) {
        return sorted[(int) (sorted.length * 0.9)];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
