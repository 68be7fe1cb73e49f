package dev.kcentra.sync.graph;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.keycloak.util.JsonSerialization;

/**
 * The certificate credential Microsoft documents for confidential clients: an RS256 JWT with the certificate's
 * {@code x5t#S256} in the header, {@code iss} = {@code sub} = client id, {@code aud} = token endpoint, a fresh
 * {@code jti} and a short lifetime.
 */
public final class ClientAssertion {

    static final long LIFETIME_SECONDS = 300;

    private ClientAssertion() {
    }

    public static String create(String clientId, String tokenEndpoint, PemCredentials credentials, Clock clock) {
        Instant now = clock.instant();
        java.util.Map<String, Object> header = new java.util.LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("x5t#S256", credentials.sha256Thumbprint());
        java.util.Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put("aud", tokenEndpoint);
        claims.put("iss", clientId);
        claims.put("sub", clientId);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("nbf", now.getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + LIFETIME_SECONDS);
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(credentials.privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the client assertion: " + e.getMessage(), e);
        }
    }

    private static String encode(Object json) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JsonSerialization.writeValueAsBytes(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
