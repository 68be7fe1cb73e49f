package dev.kcentra.standin;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.kcentra.standin.login.SigningKey;
import dev.kcentra.standin.seed.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static dev.kcentra.standin.TestFixtures.GROUPS_ONLY_APP;
import static dev.kcentra.standin.TestFixtures.SECRET;
import static dev.kcentra.standin.TestFixtures.SYNC_APP;
import static dev.kcentra.standin.TestFixtures.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Microsoft's own client against the stand-in: MSAL for Java gets client-credentials tokens with a certificate and
 * with a secret, unchanged, as it would from login.microsoftonline.com. The only settings are those MSAL offers for
 * any authority outside Microsoft's list: {@code instanceDiscovery(false)} and {@code validateAuthority(false)} (no
 * call to Microsoft's instance discovery endpoint), and {@code sslSocketFactory} trusting the stand-in's loopback
 * certificate (MSAL accepts only https authorities).
 */
class MsalClientCredentialsTest {

    private static final String GRAPH_DEFAULT = "https://graph.microsoft.com/.default";
    private static final String TLS_PASSWORD = "standin-test";

    private static Path keyStore;
    private static EntraStandIn standIn;
    private static SSLSocketFactory trustingStandIn;

    @BeforeAll
    static void start() throws Exception {
        keyStore = Files.createTempFile("loopback-tls", ".p12");
        try (InputStream in = MsalClientCredentialsTest.class.getResourceAsStream("/loopback-tls.p12")) {
            Files.write(keyStore, in.readAllBytes());
        }
        standIn = EntraStandIn.startWithHttpsLogin(Seed.load(TestFixtures.seedFile()), new LoginTls(keyStore, TLS_PASSWORD));
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            trusted.load(in, TLS_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        trustingStandIn = tls.getSocketFactory();
    }

    @AfterAll
    static void stop() throws Exception {
        standIn.close();
        Files.deleteIfExists(keyStore);
    }

    @Test
    void msalGetsAGraphTokenWithACertificate() throws Exception {
        IClientCredential certificate = ClientCredentialFactory.createFromCertificate(
                TestFixtures.privateKey("app-key.pem"), TestFixtures.certificate("app-cert.pem"));
        IAuthenticationResult result = acquire(SYNC_APP, certificate);
        JWTClaimsSet token = claims(result.accessToken());
        assertEquals(SYNC_APP, token.getStringClaim("appid"));
        assertEquals(TENANT, token.getStringClaim("tid"));
        assertEquals(List.of("User.Read.All", "Group.Read.All"), token.getStringListClaim("roles"));
        assertTrue(result.expiresOnDate().toInstant().isAfter(java.time.Instant.now().plusSeconds(3000)));
    }

    @Test
    void msalGetsAGraphTokenWithASecret() throws Exception {
        IAuthenticationResult result = acquire(GROUPS_ONLY_APP, ClientCredentialFactory.createFromSecret(SECRET));
        JWTClaimsSet token = claims(result.accessToken());
        assertEquals(GROUPS_ONLY_APP, token.getStringClaim("appid"));
        assertEquals(List.of("Group.Read.All"), token.getStringListClaim("roles"));
    }

    @Test
    void msalReadsTheStandInsErrorAsMicrosoftsServiceError() {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> acquire(GROUPS_ONLY_APP, ClientCredentialFactory.createFromSecret("wrong")));
        MsalServiceException error = assertInstanceOf(MsalServiceException.class, failed.getCause());
        assertEquals("invalid_client", error.errorCode());
        assertTrue(error.getMessage().startsWith("AADSTS7000215"), error.getMessage());
    }

    private static IAuthenticationResult acquire(String clientId, IClientCredential credential) throws Exception {
        ConfidentialClientApplication app = ConfidentialClientApplication.builder(clientId, credential)
                .authority(standIn.loginBaseUrl() + "/" + TENANT + "/")
                .instanceDiscovery(false)
                .validateAuthority(false)
                .sslSocketFactory(trustingStandIn)
                .build();
        return app.acquireToken(ClientCredentialParameters.builder(Set.of(GRAPH_DEFAULT)).build()).get();
    }

    /** The token's claims, after checking it was signed by one of the stand-in's published keys. */
    private static JWTClaimsSet claims(String accessToken) {
        return SigningKey.shared().verify(accessToken).orElseThrow(() -> new AssertionError("not a stand-in token"));
    }
}
