package dev.kcentra.docker;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Builds the image from target/docker-context and checks that Keycloak starts with the bundle, that the image's own
 * demo realm is only there when mounted, and that the demo realm, mounted as the compose demo profile does, is served.
 * Needs a Docker engine: without one JUnit reports these tests as skipped (never as passed). The same providers and
 * realm are proven without Docker by the integration-tests module.
 */
@Testcontainers(disabledWithoutDocker = true)
class KeycloakImageIT {

    private static final Path CONTEXT = Path.of(System.getProperty("docker.context", "target/docker-context"));

    private static final ImageFromDockerfile IMAGE = new ImageFromDockerfile("kcentra/keycloak-it", false)
            .withFileFromPath(".", CONTEXT);

    /** The demo, as compose.yaml's demo profile runs it: the demo realm mounted into the import folder. */
    @Container
    private static final GenericContainer<?> KEYCLOAK = keycloak()
            .withCommand("start-dev", "--import-realm", "--health-enabled=true")
            .withCopyFileToContainer(MountableFile.forHostPath(CONTEXT.resolve("realms/entra-demo-realm.json")),
                    "/opt/keycloak/data/import/entra-demo-realm.json");

    /**
     * The image as it comes, asked to import whatever it carries (dev mode: the image is built for PostgreSQL, and its
     * own command, which imports nothing, is checked by ComposeFileTest): still no realm but master.
     */
    @Container
    private static final GenericContainer<?> DEFAULT = keycloak()
            .withCommand("start-dev", "--import-realm", "--health-enabled=true");

    private static GenericContainer<?> keycloak() {
        // H2 in the container for the test; the recipe's default is PostgreSQL.
        return new GenericContainer<>(IMAGE)
                .withEnv("KC_DB", "dev-file")
                .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
                .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin")
                .withExposedPorts(8080, 9000)
                .waitingFor(Wait.forHttp("/health/ready").forPort(9000).withStartupTimeout(Duration.ofMinutes(4)));
    }

    @Test
    void theDefaultContainerHasNoDemoRealm() throws Exception {
        String base = "http://" + DEFAULT.getHost() + ":" + DEFAULT.getMappedPort(8080);
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/realms/entra-demo")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "the image imported the demo realm");
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/realms/master")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "the server itself answers");
    }

    @Test
    void demoRealmIsImportedWithTheEntraLoginTheme() throws Exception {
        String base = "http://" + KEYCLOAK.getHost() + ":" + KEYCLOAK.getMappedPort(8080);
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                + "/realms/entra-demo/protocol/openid-connect/auth?client_id=demo-app&response_type=code&scope=openid"
                + "&redirect_uri=http%3A%2F%2Flocalhost%2Fcallback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        assertTrue(login.body().contains("kcentra-identifier.ftl"), "our identifier page is served by the image");
    }
}
