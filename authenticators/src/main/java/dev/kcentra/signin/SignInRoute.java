package dev.kcentra.signin;

/**
 * Where an identifier leads: to Microsoft (with the UPN to pass as {@code login_hint}, none for a guest) or to the
 * password step.
 * Unknown identifiers take the password route so that the page sequence does not reveal who has an account.
 */
public sealed interface SignInRoute {

    /** {@code loginHint} is null for a guest, whose {@code #EXT#} UPN is no name to sign in with at Microsoft. */
    record Microsoft(String idpAlias, String loginHint, boolean guest) implements SignInRoute {
    }

    record Password() implements SignInRoute {
    }

    SignInRoute PASSWORD = new Password();
}
