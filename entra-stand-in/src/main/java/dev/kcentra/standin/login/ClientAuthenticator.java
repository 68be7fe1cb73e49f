package dev.kcentra.standin.login;

import com.github.tomakehurst.wiremock.http.Request;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.kcentra.standin.http.Params;
import dev.kcentra.standin.seed.EntraApplication;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Authenticates a confidential client at the token endpoint: a client secret (in the body or by HTTP Basic) or a
 * certificate-signed {@code client_assertion} whose {@code x5t#S256} (or legacy {@code x5t}) names a certificate
 * registered on the application. Assertions are single use.
 */
public final class ClientAuthenticator {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256);

    private final Function<String, Optional<EntraApplication>> applications;
    private final Clock clock;
    private final Map<String, Instant> usedAssertionIds = new ConcurrentHashMap<>();

    public ClientAuthenticator(Function<String, Optional<EntraApplication>> applications, Clock clock) {
        this.applications = applications;
        this.clock = clock;
    }

    /** The authenticated application, or the error Microsoft would give. */
    public Result authenticate(Request request, Params form, List<String> acceptedAudiences) {
        String basic = request.getHeader("Authorization");
        String clientId = form.getOrNull("client_id");
        String secret = form.getOrNull("client_secret");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decodeBasic(basic.substring(6).trim());
            if (pair == null) {
                return Result.failed(AadError.invalidClient(7000216, "The client credentials in the Authorization header are malformed."));
            }
            if (clientId != null && !clientId.equalsIgnoreCase(pair[0])) {
                return Result.failed(AadError.invalidClient(700016, "client_id in the body and in the Authorization header differ."));
            }
            clientId = pair[0];
            secret = pair[1];
        }
        String assertion = form.getOrNull("client_assertion");
        if (assertion != null) {
            if (!JWT_BEARER.equals(form.getOrNull("client_assertion_type"))) {
                return Result.failed(AadError.invalidClient(700023, "client_assertion_type must be " + JWT_BEARER + "."));
            }
            return authenticateAssertion(clientId, assertion, acceptedAudiences);
        }
        if (clientId == null) {
            return Result.failed(AadError.invalidRequest(900144, "The request body must contain the following parameter: 'client_id'."));
        }
        Optional<EntraApplication> app = applications.apply(clientId);
        if (app.isEmpty()) {
            return Result.failed(unknownApplication(clientId));
        }
        if (secret == null) {
            return Result.failed(AadError.invalidClient(7000218,
                    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."));
        }
        if (app.get().clientSecret() == null || !MessageDigest.isEqual(
                app.get().clientSecret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            return Result.failed(AadError.invalidClient(7000215, "Invalid client secret provided. Ensure the secret being sent in "
                    + "the request is the client secret value, not the client secret ID, for a secret added to app '" + clientId + "'."));
        }
        return Result.ok(app.get());
    }

    private Result authenticateAssertion(String clientId, String assertion, List<String> acceptedAudiences) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Result.failed(AadError.invalidClient(50027, "JWT token is invalid or malformed."));
        }
        String issuer = claims.getIssuer();
        if (issuer == null || !issuer.equals(claims.getSubject()) || (clientId != null && !clientId.equalsIgnoreCase(issuer))) {
            return Result.failed(AadError.invalidClient(700021, "Client assertion application identifier doesn't match 'client_id' parameter."));
        }
        Optional<EntraApplication> app = applications.apply(issuer);
        if (app.isEmpty()) {
            return Result.failed(unknownApplication(issuer));
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            return Result.failed(AadError.invalidClient(5002738, "Invalid JWT token. '" + jwt.getHeader().getAlgorithm()
                    + "' is not a supported signature algorithm."));
        }
        Optional<X509Certificate> certificate = registeredCertificate(app.get(), jwt);
        if (certificate.isEmpty()) {
            return Result.failed(AadError.invalidClient(700027, "The certificate with identifier used to sign the client "
                    + "assertion is not registered on application."));
        }
        try {
            if (!jwt.verify(new RSASSAVerifier((RSAPublicKey) certificate.get().getPublicKey()))) {
                return Result.failed(AadError.invalidClient(700027, "Client assertion contains an invalid signature."));
            }
        } catch (JOSEException | ClassCastException e) {
            return Result.failed(AadError.invalidClient(700027, "Client assertion contains an invalid signature."));
        }
        if (claims.getAudience().stream().noneMatch(acceptedAudiences::contains)) {
            return Result.failed(AadError.invalidClient(700212, "No matching federated identity record found for presented "
                    + "assertion audience '" + String.join(",", claims.getAudience()) + "'."));
        }
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        Date notBefore = claims.getNotBeforeTime();
        if (expiry == null || expiry.toInstant().plus(CLOCK_SKEW).isBefore(now)
                || (notBefore != null && notBefore.toInstant().minus(CLOCK_SKEW).isAfter(now))
                || expiry.toInstant().isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(CLOCK_SKEW))) {
            return Result.failed(AadError.invalidClient(700024, "Client assertion is not within its valid time range."));
        }
        String jti = claims.getJWTID();
        if (jti == null) {
            return Result.failed(AadError.invalidClient(50027, "JWT token is invalid or malformed: jti is missing."));
        }
        usedAssertionIds.values().removeIf(seenUntil -> seenUntil.isBefore(now));
        if (usedAssertionIds.putIfAbsent(issuer + "/" + jti, expiry.toInstant().plus(CLOCK_SKEW)) != null) {
            return Result.failed(AadError.invalidClient(700025, "Client assertion has already been used (jti " + jti + ")."));
        }
        return Result.ok(app.get());
    }

    /**
     * The registered certificate the assertion's {@code x5t#S256} or {@code x5t} names. Microsoft's page
     * (https://learn.microsoft.com/en-us/entra/identity-platform/certificate-credentials, "Header") says base64url;
     * MSAL for Java sends standard Base64 with padding (com.microsoft.aad.msal4j.ClientCertificate#publicCertificateHash256)
     * and Entra accepts it, so the thumbprint's bytes are compared, in either alphabet.
     */
    private static Optional<X509Certificate> registeredCertificate(EntraApplication app, SignedJWT jwt) {
        Base64URL sha256 = jwt.getHeader().getX509CertSHA256Thumbprint();
        @SuppressWarnings("deprecation")
        Base64URL sha1 = jwt.getHeader().getX509CertThumbprint();
        for (X509Certificate certificate : app.certificates()) {
            if (matches(sha256, certificate, "SHA-256") || matches(sha1, certificate, "SHA-1")) {
                return Optional.of(certificate);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Base64URL thumbprint, X509Certificate certificate, String algorithm) {
        if (thumbprint == null) {
            return false;
        }
        byte[] sent = thumbprint.decode();
        return MessageDigest.isEqual(sent, Base64URL.from(thumbprint(certificate, algorithm)).decode());
    }

    static String thumbprint(X509Certificate certificate, String algorithm) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
            return Base64URL.encode(digest).toString();
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static AadError unknownApplication(String clientId) {
        return AadError.invalidClient(700016, "Application with identifier '" + clientId
                + "' was not found in the directory. This can happen if the application has not been installed by the "
                + "administrator of the tenant or consented to by any user in the tenant.");
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 1) {
                return null;
            }
            return new String[] {
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public record Result(EntraApplication application, AadError error) {
        static Result ok(EntraApplication application) {
            return new Result(application, null);
        }

        static Result failed(AadError error) {
            return new Result(null, error);
        }

        public boolean succeeded() {
            return error == null;
        }
    }
}
