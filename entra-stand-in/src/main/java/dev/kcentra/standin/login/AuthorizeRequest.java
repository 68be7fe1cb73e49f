package dev.kcentra.standin.login;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A validated authorization request, kept while the user is on the sign-in page and then in the code it produced. */
public record AuthorizeRequest(Authority authority, String clientId, String redirectUri, String scope, String state,
                               String nonce, String responseMode, String codeChallenge, String codeChallengeMethod,
                               String loginHint) {

    public Set<String> scopes() {
        return scope == null ? Set.of() : Arrays.stream(scope.trim().split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
