package dev.kcentra.standin.login;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code scope} of a client-credentials request: one resource's {@code /.default}
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow, "First case").
 * The OpenID Connect scopes next to it are ignored, as by Entra: MSAL adds "openid profile offline_access" to every
 * token request, client credentials included (com.microsoft.aad.msal4j.AbstractMsalAuthorizationGrant.COMMON_SCOPES).
 */
final class ClientCredentialsScope {

    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access", "email");

    private ClientCredentialsScope() {
    }

    /** The one {@code .../.default} scope, or empty when there is none or more than one resource. */
    static Optional<String> resourceScope(String scope) {
        if (scope == null) {
            return Optional.empty();
        }
        List<String> resources = Arrays.stream(scope.trim().split("\\s+")).filter(s -> !s.isEmpty())
                .filter(s -> !OIDC_SCOPES.contains(s)).toList();
        return resources.size() == 1 && resources.get(0).endsWith("/.default") ? Optional.of(resources.get(0)) : Optional.empty();
    }
}
