package dev.kcentra.sync.graph;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A certificate and its RSA private key from PEM text as admins paste them (line breaks may be lost in a one-line
 * field). The certificate's SHA-256 thumbprint is what Entra matches against the app registration.
 */
public record PemCredentials(X509Certificate certificate, PrivateKey privateKey) {

    public static PemCredentials parse(String certificatePem, String privateKeyPem) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der(certificatePem, "CERTIFICATE")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The certificate is not a PEM X.509 certificate: " + e.getMessage(), e);
        }
        if (privateKeyPem.contains("RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("The private key is in PKCS#1 form; convert it to PKCS#8 "
                    + "(openssl pkcs8 -topk8 -nocrypt -in key.pem).");
        }
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(privateKeyPem, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The private key is not an unencrypted PKCS#8 RSA key in PEM: " + e.getMessage(), e);
        }
        return new PemCredentials(certificate, key);
    }

    /** base64url(SHA-256(DER)), the {@code x5t#S256} header value. */
    public String sha256Thumbprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(String pem, String label) {
        String body = pem.replace("-----BEGIN " + label + "-----", "").replace("-----END " + label + "-----", "")
                .replaceAll("\\s", "");
        if (body.isEmpty() || body.contains("-----")) {
            throw new IllegalArgumentException("expected one '" + label + "' PEM block");
        }
        return Base64.getDecoder().decode(body);
    }
}
