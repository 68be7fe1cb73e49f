package dev.kcentra.standin;

import com.google.gson.JsonObject;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.kcentra.standin.seed.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.kcentra.standin.TestFixtures.BROKER_APP;
import static dev.kcentra.standin.TestFixtures.SECRET;
import static dev.kcentra.standin.TestFixtures.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stand-in's answers next to the examples on Microsoft's pages (golden files): same fields, same types. */
class MicrosoftShapeTest {

    /** Discovery fields the stand-in does not offer, as the README's faithfulness table says. */
    private static final Set<String> NOT_OFFERED = Set.of("device_authorization_endpoint", "kerberos_endpoint");
    private static final Pattern DESCRIPTION = Pattern.compile(
            "AADSTS\\d+: [^\\r\\n]+\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: [0-9a-f-]{36}\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");

    @ParameterizedTest
    @CsvSource({"global", "us-government", "china"})
    void discoveryDocumentsOfEachCloudCarryMicrosoftsIssuersAndFields(String cloud) throws Exception {
        try (EntraStandIn standIn = startInCloud(cloud)) {
            for (String authority : List.of("common", "organizations", "consumers")) {
                JsonObject golden = MicrosoftGolden.json("openid-configuration-" + cloud + "-" + authority + ".json");
                JsonObject served = TestHttp.json(TestHttp.get(standIn.loginBaseUrl() + "/" + authority + "/v2.0/.well-known/openid-configuration"));
                MicrosoftGolden.assertSameShape(golden, served, NOT_OFFERED, cloud + " " + authority);
                assertEquals(golden.get("issuer").getAsString(), served.get("issuer").getAsString(), cloud + " " + authority);
                assertEquals(golden.get("cloud_instance_name").getAsString(), served.get("cloud_instance_name").getAsString());
            }
        }
    }

    @Test
    void theConsumersAuthorityAnnouncesTheFixedPersonalAccountIssuer() {
        try (EntraStandIn standIn = TestFixtures.start()) {
            JsonObject consumers = TestHttp.json(TestHttp.get(standIn.loginBaseUrl() + "/consumers/v2.0/.well-known/openid-configuration"));
            assertEquals(standIn.loginBaseUrl() + "/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0", consumers.get("issuer").getAsString());
        }
    }

    @Test
    void clientCredentialsSuccessAndErrorBodiesAreShapedAsDocumented() {
        try (EntraStandIn standIn = TestFixtures.start()) {
            String endpoint = standIn.urls().tokenEndpoint(TENANT);
            HttpResponse<String> success = TestHttp.postForm(endpoint, Map.of("grant_type", "client_credentials",
                    "client_id", TestFixtures.SYNC_APP, "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    "client_assertion", TestFixtures.clientAssertion(TestFixtures.SYNC_APP, endpoint), "scope", "https://graph.microsoft.com/.default"));
            assertEquals(200, success.statusCode(), success.body());
            MicrosoftGolden.assertSameShape(MicrosoftGolden.json("client-credentials-success.json"), TestHttp.json(success), Set.of(), "token");

            HttpResponse<String> error = TestHttp.postForm(endpoint, Map.of("grant_type", "client_credentials",
                    "client_id", BROKER_APP, "client_secret", SECRET, "scope", "https://foo.microsoft.com/.default"));
            assertEquals(400, error.statusCode(), error.body());
            JsonObject body = TestHttp.json(error);
            MicrosoftGolden.assertSameShape(MicrosoftGolden.json("client-credentials-error.json"), body, Set.of(), "error");
            String description = body.get("error_description").getAsString();
            assertTrue(DESCRIPTION.matcher(description).matches(), "Microsoft's CR LF layout: " + description);
            assertTrue(description.contains("Trace ID: " + body.get("trace_id").getAsString()));
            assertTrue(description.contains("Correlation ID: " + body.get("correlation_id").getAsString()));
            assertTrue(description.endsWith("Timestamp: " + body.get("timestamp").getAsString()));
            assertEquals("https://login.microsoftonline.com/error?code=" + body.getAsJsonArray("error_codes").get(0).getAsInt(),
                    body.get("error_uri").getAsString());
        }
    }

    @Test
    void anIdTokenWithProfileEmailAndXmsEdovHasTheDocumentedClaimsAndTypes() throws Exception {
        try (EntraStandIn standIn = TestFixtures.start()) {
            standIn.directory().tenant(TENANT).orElseThrow().setIdTokenOptionalClaims(BROKER_APP, List.of("xms_edov"));
            JWTClaimsSet claims = new TestSignIn(standIn).idToken(TENANT, "openid profile email", "user4@fabrikam.test", "pw-4");
            JsonObject served = com.google.gson.JsonParser.parseString(claims.toString()).getAsJsonObject();
            // aio and rh are Microsoft-internal ("should be ignored"); the stand-in leaves them out.
            MicrosoftGolden.assertSameShape(MicrosoftGolden.json("id-token-claims.json"), served, Set.of("aio", "rh"), "ID token");
        }
    }

    private static EntraStandIn startInCloud(String cloud) throws Exception {
        String seed = Files.readString(TestFixtures.seedFile());
        Seed inCloud = Seed.parse(seed.replaceFirst("\\{", "{\"login\": {\"cloud\": \"" + cloud + "\"},"));
        return EntraStandIn.start(inCloud, 0, 0);
    }
}
