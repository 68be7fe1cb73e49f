package dev.kcentra.standin.seed;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An app registration with its service principal in the tenant: the client id, its credentials (secret and/or
 * certificates for {@code client_assertion}), reply URLs, the Graph application permissions granted to it, and the
 * optional claims its ID tokens carry ({@code optionalClaims.idToken[].name} of the app manifest, as
 * https://learn.microsoft.com/en-us/entra/identity-platform/optional-claims-reference lists them; the stand-in
 * knows {@value #AUTH_TIME}, {@value #EMAIL} and {@value #EMAIL_DOMAIN_OWNER_VERIFIED}).
 */
public record EntraApplication(String displayName, String clientId, String clientSecret,
                               List<X509Certificate> certificates, List<String> redirectUris, List<String> appRoles,
                               List<String> idTokenOptionalClaims) {

    public static final String AUTH_TIME = "auth_time";
    public static final String EMAIL = "email";
    public static final String EMAIL_DOMAIN_OWNER_VERIFIED = "xms_edov";
    public static final List<String> KNOWN_OPTIONAL_CLAIMS = List.of(AUTH_TIME, EMAIL, EMAIL_DOMAIN_OWNER_VERIFIED);

    public EntraApplication {
        certificates = List.copyOf(certificates);
        redirectUris = List.copyOf(redirectUris);
        appRoles = List.copyOf(appRoles);
        idTokenOptionalClaims = List.copyOf(idTokenOptionalClaims);
    }

    /** An app registration without optional claims, as Microsoft creates one. */
    public EntraApplication(String displayName, String clientId, String clientSecret, List<X509Certificate> certificates,
                            List<String> redirectUris, List<String> appRoles) {
        this(displayName, clientId, clientSecret, certificates, redirectUris, appRoles, List.of());
    }

    /** Without the client secret, as Microsoft never shows one back. */
    @Override
    public String toString() {
        return "EntraApplication[displayName=" + displayName + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? null : "**********") + ", certificates=" + certificates.size() + ", redirectUris="
                + redirectUris + ", appRoles=" + appRoles + ", idTokenOptionalClaims=" + idTokenOptionalClaims + "]";
    }

    public boolean idTokenHas(String optionalClaim) {
        return idTokenOptionalClaims.contains(optionalClaim);
    }

    public EntraApplication withIdTokenOptionalClaims(List<String> claims) {
        return new EntraApplication(displayName, clientId, clientSecret, certificates, redirectUris, appRoles, claims);
    }
}
