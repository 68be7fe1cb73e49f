package dev.kcentra.signin.idp;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scopes every Microsoft sign-in asks for. Microsoft puts {@code oid} (our user key) and {@code preferred_username}
 * into the ID token only with {@code profile}, and {@code email} only with {@code email}
 * (https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference, "Payload claims").
 */
final class EntraScopes {

    static final List<String> REQUIRED = List.of("openid", "profile", "email");

    private EntraScopes() {
    }

    /** The configured scopes with the required ones in front, each once. */
    static String withRequired(String configured) {
        Set<String> scopes = new LinkedHashSet<>(REQUIRED);
        scopes.addAll(split(configured));
        return String.join(" ", scopes);
    }

    /** Saving a provider whose own scopes leave out {@code profile} is refused: its users would have no {@code oid}. */
    static void checkConfigured(String configured) {
        if (configured != null && !configured.isBlank() && !split(configured).contains("profile")) {
            throw new IllegalArgumentException("Scopes must include 'profile': Microsoft sends the object id (oid) that "
                    + "identifies a user only with it. Leave Scopes empty for 'openid profile email'.");
        }
    }

    private static List<String> split(String scopes) {
        return scopes == null ? List.of() : Arrays.stream(scopes.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
