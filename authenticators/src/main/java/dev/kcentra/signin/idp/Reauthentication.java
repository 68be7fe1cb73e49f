package dev.kcentra.signin.idp;

import java.util.Arrays;

/**
 * A relying app's {@code max_age} at Microsoft. {@code max_age} is no parameter of Microsoft's authorize endpoint and
 * {@code auth_time} is only an optional claim (https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc,
 * "Send the sign-in request"; https://learn.microsoft.com/en-us/entra/identity-platform/optional-claims-reference). When
 * Keycloak sends a user to Microsoft under {@code max_age}, its own session was too old or absent, so Microsoft must
 * authenticate the user now: {@code prompt=login}, documented to force credentials and negate single sign-on.
 */
final class Reauthentication {

    static final String PROMPT_LOGIN = "login";

    private Reauthentication() {
    }

    /** The prompt to send instead of {@code max_age}; {@code prompt=none} stays (a silent request cannot re-authenticate). */
    static String prompt(String clientPrompt, String maxAge) {
        if (maxAge == null || maxAge.isBlank() || isNone(clientPrompt)) {
            return clientPrompt;
        }
        return PROMPT_LOGIN;
    }

    /**
     * Whether a token without {@code auth_time} fails the {@code max_age} check: only when Microsoft was not told to
     * re-authenticate (a silent request); with {@code prompt=login} the sign-in just happened.
     */
    static boolean missingAuthTimeFails(String clientPrompt) {
        return isNone(clientPrompt);
    }

    private static boolean isNone(String prompt) {
        return prompt != null && Arrays.asList(prompt.trim().split("\\s+")).contains("none");
    }
}
