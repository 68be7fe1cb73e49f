package dev.kcentra.standin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A PKCS#12 key store for serving the login authority over HTTPS. Microsoft's clients accept only {@code https}
 * authorities (MSAL for Java refuses others with "authority should use the 'https' scheme"), so a stand-in they talk to
 * needs one; its certificate must name 127.0.0.1 and be trusted by the client (MSAL: {@code sslSocketFactory}).
 */
public record LoginTls(Path keyStore, String password) {

    public LoginTls {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
    }
}
