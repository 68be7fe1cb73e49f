package dev.kcentra.standin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** The test seed (two tenants, one of them Microsoft's consumer tenant) and the test app's certificate. */
final class TestFixtures {

    static final String TENANT = "11111111-1111-4111-8111-111111111111";
    static final String CONSUMERS = "9188040d-6c67-4c5b-b112-36a304b66dad";
    static final String SYNC_APP = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String BROKER_APP = "aaaaaaaa-0000-4000-8000-000000000002";
    static final String GROUPS_ONLY_APP = "aaaaaaaa-0000-4000-8000-000000000003";
    static final String SECRET = "s3cret";
    static final String REDIRECT = "http://localhost/callback";
    static final String GROUP = "99999999-0000-4000-8000-000000000001";

    private TestFixtures() {
    }

    static String user(int n) {
        return "00000000-0000-4000-8000-00000000000" + n;
    }

    static Path seedFile() {
        try {
            Path file = Files.createTempFile("test-seed", ".json");
            try (InputStream in = TestFixtures.class.getResourceAsStream("/test-seed.json")) {
                Files.write(file, in.readAllBytes());
            }
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EntraStandIn start() {
        return EntraStandIn.start(new StandInOptions(seedFile(), 0, 0));
    }

    static String resource(String name) {
        try (InputStream in = TestFixtures.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static X509Certificate certificate(String name) {
        try (InputStream in = TestFixtures.class.getResourceAsStream("/" + name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey privateKey(String name) {
        String pem = resource(name).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client assertion as MSAL builds it: RS256, {@code x5t#S256} of the certificate, aud = token endpoint. */
    static String clientAssertion(String clientId, String audience, String certName, String keyName, Instant expiry, String jti) {
        try {
            byte[] thumbprint = MessageDigest.getInstance("SHA-256").digest(certificate(certName).getEncoded());
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertSHA256Thumbprint(Base64URL.encode(thumbprint)).build();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                    .jwtID(jti).notBeforeTime(Date.from(Instant.now().minusSeconds(5))).expirationTime(Date.from(expiry)).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(privateKey(keyName)));
            return jwt.serialize();
        } catch (JOSEException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String clientAssertion(String clientId, String audience) {
        return clientAssertion(clientId, audience, "app-cert.pem", "app-key.pem", Instant.now().plusSeconds(300), UUID.randomUUID().toString());
    }

    /** An application Graph token for the given app of the test tenant, obtained with its secret. */
    static String graphToken(EntraStandIn standIn, String clientId) {
        var response = TestHttp.postForm(standIn.urls().tokenEndpoint(TENANT), Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", SECRET, "scope", "https://graph.microsoft.com/.default"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.body());
        }
        return TestHttp.json(response).get("access_token").getAsString();
    }

    static String graphTokenByCertificate(EntraStandIn standIn) {
        String endpoint = standIn.urls().tokenEndpoint(TENANT);
        var response = TestHttp.postForm(endpoint, Map.of("grant_type", "client_credentials", "client_id", SYNC_APP,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", clientAssertion(SYNC_APP, endpoint), "scope", "https://graph.microsoft.com/.default"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.body());
        }
        return TestHttp.json(response).get("access_token").getAsString();
    }
}
