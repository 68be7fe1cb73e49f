package dev.kcentra.signin;

/**
 * Where an identifier leads: to Microsoft (with the UPN to pass as {@code login_hint}) or to the password step.
 * Unknown identifiers take the password route so that the page sequence does not reveal who has an account.
 */
public sealed interface SignInRoute {

    record Microsoft(String idpAlias, String loginHint) implements SignInRoute {
    }

    record Password() implements SignInRoute {
    }

    SignInRoute PASSWORD = new Password();
}
