package dev.kcentra.sync.graph;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import org.keycloak.util.JsonSerialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientAssertionTest {

    private static final String ENDPOINT = "https://login.microsoftonline.com/t/oauth2/v2.0/token";

    @Test
    void isAnRs256JwtWithTheCertificateThumbprintThatTheCertificateVerifies() throws Exception {
        PemCredentials credentials = PemCredentials.parse(resource("sync-app-cert.pem"), resource("sync-app-key.pem"));
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        String jwt = ClientAssertion.create("client-1", ENDPOINT, credentials, clock);
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length);

        Map<?, ?> header = JsonSerialization.readValue(Base64.getUrlDecoder().decode(parts[0]), Map.class);
        assertEquals("RS256", header.get("alg"));
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(credentials.certificate().getEncoded());
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected), header.get("x5t#S256"));

        Map<?, ?> claims = JsonSerialization.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
        assertEquals("client-1", claims.get("iss"));
        assertEquals("client-1", claims.get("sub"));
        assertEquals(ENDPOINT, claims.get("aud"));
        assertEquals(clock.instant().getEpochSecond() + 300, ((Number) claims.get("exp")).longValue());

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(credentials.certificate().getPublicKey());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])));

        String second = ClientAssertion.create("client-1", ENDPOINT, credentials, clock);
        assertNotEquals(claims.get("jti"), JsonSerialization.readValue(Base64.getUrlDecoder().decode(second.split("\\.")[1]), Map.class).get("jti"));
    }

    @Test
    void pemPastedOnOneLineStillParses() {
        String oneLineKey = resource("sync-app-key.pem").replace("\n", " ");
        PemCredentials.parse(resource("sync-app-cert.pem").replace("\n", ""), oneLineKey);
    }

    @Test
    void badPemIsExplained() {
        IllegalArgumentException certificate = assertThrows(IllegalArgumentException.class,
                () -> PemCredentials.parse("-----BEGIN CERTIFICATE-----abc-----END CERTIFICATE-----", resource("sync-app-key.pem")));
        assertTrue(certificate.getMessage().startsWith("The certificate is not a PEM X.509 certificate"), certificate.getMessage());
        IllegalArgumentException pkcs1 = assertThrows(IllegalArgumentException.class,
                () -> PemCredentials.parse(resource("sync-app-cert.pem"), "-----BEGIN RSA PRIVATE KEY-----abc-----END RSA PRIVATE KEY-----"));
        assertTrue(pkcs1.getMessage().contains("PKCS#1"), pkcs1.getMessage());
    }

    private static String resource(String name) {
        try (InputStream in = ClientAssertionTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
