package dev.kcentra.standin.seed;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An app registration with its service principal in the tenant: the client id, its credentials (secret and/or
 * certificates for {@code client_assertion}), reply URLs, and the Graph application permissions granted to it.
 */
public record EntraApplication(String displayName, String clientId, String clientSecret,
                               List<X509Certificate> certificates, List<String> redirectUris, List<String> appRoles) {

    public EntraApplication {
        certificates = List.copyOf(certificates);
        redirectUris = List.copyOf(redirectUris);
        appRoles = List.copyOf(appRoles);
    }
}
