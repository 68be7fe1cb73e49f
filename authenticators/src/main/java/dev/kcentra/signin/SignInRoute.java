package dev.kcentra.signin;

/**
 * Where an identifier leads: to Microsoft (with the {@code login_hint} to pass: the typed identifier; none for a guest
 * or, by default, a typed mobile number), to the "Microsoft sign-in unavailable" page when SSO applies but its identity
 * provider is missing or disabled, or to the password step.
 * Unknown identifiers take the password route so that the page sequence does not reveal who has an account.
 */
public sealed interface SignInRoute {

    /**
     * {@code loginHint} is null for a guest, whose {@code #EXT#} UPN is no name to sign in with at Microsoft, and for a
     * typed mobile number unless the UPN is to be sent for it.
     */
    record Microsoft(String idpAlias, String loginHint, boolean guest) implements SignInRoute {
    }

    /**
     * SSO applies, but the identity provider {@code idpAlias} is missing or disabled: the password step could never
     * succeed (SSO replaces the password), so the user is told Microsoft sign-in is unavailable.
     */
    record MicrosoftUnavailable(String idpAlias) implements SignInRoute {
    }

    record Password() implements SignInRoute {
    }

    SignInRoute PASSWORD = new Password();
}
