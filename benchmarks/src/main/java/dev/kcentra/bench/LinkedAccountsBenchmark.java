package dev.kcentra.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcentra.testsupport.AdminApi;
import dev.kcentra.testsupport.KeycloakServer;
import dev.kcentra.testsupport.PortGuard;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Linked accounts and sign-in, in one run on one Keycloak, one realm whose browser flow ends with the linked-account
 * refusal:
 * <ol>
 * <li>password sign-ins per second of a master with 10 linked accounts against a plain user (baseline), rounds
 * alternating plain, master, master, plain so that drift hits both;</li>
 * <li>the refusal of a linked account (right password, refused because it is linked) against an ordinary failed
 * sign-in (wrong password), interleaved: the time of the password POST.</li>
 * </ol>
 */
public final class LinkedAccountsBenchmark {

    static final String REALM = "bench-links";
    static final String MASTER = "bench-master";
    static final String PLAIN = "bench-plain";
    static final int LINKED = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LinkedAccountsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.links.threads", 4);
        int roundSeconds = Integer.getInteger("bench.links.seconds", 20);
        int cycles = Integer.getInteger("bench.links.cycles", 3);
        int refusals = Integer.getInteger("bench.links.refusals", 300);
        Path home = Path.of(System.getProperty("bench.home", "target/bench")).resolve("links");
        PortGuard.requireFree("the linked-accounts benchmark", 8080, 9000);
        Files.createDirectories(home);

        try (KeycloakServer ignored = BenchKeycloak.start(home, "--spi-theme--cache-themes=true", "--spi-theme--cache-templates=true")) {
            AdminApi admin = new AdminApi(BenchKeycloak.URL, "admin", "admin");
            admin.importRealm(realm());
            String master = userId(admin, MASTER);
            for (int i = 0; i < LINKED; i++) {
                HttpResponse<String> linked = admin.call("POST", "/admin/realms/" + REALM + "/kcentra-links/users/" + master + "/links",
                        "{\"userId\": \"" + userId(admin, linked(i)) + "\"}");
                if (linked.statusCode() != 201) {
                    throw new IllegalStateException("link " + i + ": " + linked.statusCode() + " " + linked.body());
                }
            }
            int links = admin.get("/admin/realms/" + REALM + "/kcentra-links/users/" + master).path("links").size();
            System.out.printf("%s has %d linked accounts%n", MASTER, links);

            System.out.printf("Password sign-ins: %d concurrent browsers, %d x (plain, master, master, plain) rounds of %d s...%n",
                    threads, cycles, roundSeconds);
            System.out.println("  warming up...");
            throughput(PLAIN, threads, roundSeconds);
            throughput(MASTER, threads, roundSeconds);
            double plain = 0;
            double masters = 0;
            for (int cycle = 0; cycle < cycles; cycle++) {
                for (String user : List.of(PLAIN, MASTER, MASTER, PLAIN)) {
                    double perSecond = throughput(user, threads, roundSeconds);
                    System.out.printf("  %-13s %7.1f sign-ins/s%n", user, perSecond);
                    if (user.equals(MASTER)) {
                        masters += perSecond / (2.0 * cycles);
                    } else {
                        plain += perSecond / (2.0 * cycles);
                    }
                }
            }

            System.out.printf("Refusals: %d of each, interleaved...%n", refusals);
            for (int i = 0; i < 20; i++) {
                refusal(linked(i % LINKED), SignInBenchmark.PASSWORD, true);
                refusal(PLAIN, "Not-The-Password-1!", false);
            }
            long[] linkedRefusal = new long[refusals];
            long[] failed = new long[refusals];
            for (int i = 0; i < refusals; i++) {
                linkedRefusal[i] = refusal(linked(i % LINKED), SignInBenchmark.PASSWORD, true);
                failed[i] = refusal(PLAIN, "Not-The-Password-1!", false);
            }
            report(threads, cycles, roundSeconds, plain, masters, linkedRefusal, failed);
        }
    }

    /** Completed password sign-ins of {@code username} per second (code issued to the client) over {@code seconds}. */
    static double throughput(String username, int threads, int seconds) throws Exception {
        return SignInBenchmark.perSecond(threads, seconds, i -> {
            BenchBrowser browser = new BenchBrowser();
            String page = browser.get(SignInBenchmark.authorize(REALM, Map.of())).body();
            SignInBenchmark.expectCode(browser.post(SignInBenchmark.formAction(page), Map.of("username", username, "password", SignInBenchmark.PASSWORD)));
        });
    }

    /** Nanoseconds of the password POST that refuses the sign-in: a linked account's (403) or a wrong password's (200). */
    static long refusal(String username, String password, boolean linked) throws IOException, InterruptedException {
        BenchBrowser browser = new BenchBrowser();
        String action = SignInBenchmark.formAction(browser.get(SignInBenchmark.authorize(REALM, Map.of())).body());
        long started = System.nanoTime();
        HttpResponse<String> refused = browser.post(action, Map.of("username", username, "password", password));
        long took = System.nanoTime() - started;
        boolean expected = linked
                ? refused.statusCode() == 403 && refused.body().contains("cannot sign in on its own")
                : refused.statusCode() == 200 && refused.body().contains("Invalid username or password.");
        if (!expected) {
            throw new IllegalStateException("unexpected answer for " + username + ": " + refused.statusCode());
        }
        return took;
    }

    private static String linked(int i) {
        return "bench-linked-" + i;
    }

    private static String userId(AdminApi admin, String username) throws IOException, InterruptedException {
        return admin.get("/admin/realms/" + REALM + "/users?exact=true&username=" + username).get(0).path("id").asText();
    }

    /** Keycloak's login theme and hashing; the browser flow is the stock one followed by the linked-account refusal. */
    private static String realm() throws IOException {
        ObjectNode realm = JSON.createObjectNode();
        realm.put("realm", REALM);
        realm.put("enabled", true);
        realm.put("sslRequired", "none");
        realm.put("bruteForceProtected", false);
        realm.put("eventsEnabled", false);
        realm.put("browserFlow", "links browser");
        ArrayNode flows = realm.putArray("authenticationFlows");
        flow(flows, "links browser", true, execution("links sign-in", true, "REQUIRED"),
                execution("kcentra-linked-account-refusal", false, "REQUIRED"));
        flow(flows, "links sign-in", false, execution("auth-cookie", false, "ALTERNATIVE"), execution("links forms", true, "ALTERNATIVE"));
        flow(flows, "links forms", false, execution("auth-username-password-form", false, "REQUIRED"));
        realm.putArray("clients").add(SignInBenchmark.benchClient());
        ArrayNode users = realm.putArray("users");
        List<String> names = new ArrayList<>(List.of(MASTER, PLAIN));
        for (int i = 0; i < LINKED; i++) {
            names.add(linked(i));
        }
        for (String name : names) {
            ObjectNode user = users.addObject();
            user.put("username", name);
            user.put("email", name + "@example.com");
            user.put("emailVerified", true);
            user.put("firstName", "Bench");
            user.put("lastName", name);
            user.put("enabled", true);
            ObjectNode credential = user.putArray("credentials").addObject();
            credential.put("type", "password");
            credential.put("value", SignInBenchmark.PASSWORD);
            credential.put("temporary", false);
        }
        return JSON.writeValueAsString(realm);
    }

    private static void flow(ArrayNode flows, String alias, boolean topLevel, ObjectNode... executions) {
        ObjectNode flow = flows.addObject();
        flow.put("alias", alias);
        flow.put("providerId", "basic-flow");
        flow.put("topLevel", topLevel);
        flow.put("builtIn", false);
        ArrayNode list = flow.putArray("authenticationExecutions");
        for (int i = 0; i < executions.length; i++) {
            list.add(executions[i].put("priority", 10 * (i + 1)));
        }
    }

    private static ObjectNode execution(String authenticatorOrFlow, boolean isFlow, String requirement) {
        ObjectNode execution = JSON.createObjectNode();
        execution.put(isFlow ? "flowAlias" : "authenticator", authenticatorOrFlow);
        execution.put("authenticatorFlow", isFlow);
        execution.put("requirement", requirement);
        execution.put("userSetupAllowed", false);
        return execution;
    }

    private static void report(int threads, int cycles, int seconds, double plain, double master, long[] linked, long[] failed) {
        Arrays.sort(linked);
        Arrays.sort(failed);
        System.out.println();
        System.out.printf("Linked-accounts benchmark: Keycloak 26.7.3 start-dev (H2 file), %d cores; %d concurrent browsers, %d x %d s per user%n",
                Runtime.getRuntime().availableProcessors(), threads, 2 * cycles, seconds);
        System.out.printf("Password sign-ins/s, plain user (baseline):          %7.1f%n", plain);
        System.out.printf("Password sign-ins/s, master with %d linked accounts: %7.1f%n", LINKED, master);
        System.out.printf("Ratio master / plain:                                %7.2f (target >= 0.95)%n", master / plain);
        System.out.printf("Failed sign-in, wrong password (baseline): median %.2f ms, p90 %.2f ms%n",
                SignInBenchmark.ms(SignInBenchmark.median(failed)), SignInBenchmark.ms(SignInBenchmark.p90(failed)));
        System.out.printf("Refusal of a linked account:               median %.2f ms, p90 %.2f ms (ratio of medians %.2f)%n",
                SignInBenchmark.ms(SignInBenchmark.median(linked)), SignInBenchmark.ms(SignInBenchmark.p90(linked)),
                (double) SignInBenchmark.median(linked) / SignInBenchmark.median(failed));
    }
}
