package dev.kcentra.vault.launch;

import jakarta.ws.rs.core.Response;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;

import java.net.URI;

/**
 * Headers of the pages that carry a launch token or a credential: never stored, never framed, no Referer, and a CSP
 * that runs only the page's own nonce script and lets the form go only to its one target.
 */
final class HandOffHeaders {

    private HandOffHeaders() {
    }

    static Response apply(KeycloakSession session, Response page, String nonce, URI formTarget) {
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
        String origin = formTarget.getScheme() + "://" + formTarget.getRawAuthority();
        return Response.fromResponse(page)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'self'; img-src 'self'; "
                        + "form-action " + origin + "; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "none")
                .build();
    }
}
