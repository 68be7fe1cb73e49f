package dev.kcentra.signin.idp;

import dev.kcentra.common.net.OutboundAddressGuard;
import dev.kcentra.common.net.RefusedDestinationException;

import java.io.IOException;
import java.net.URI;

/**
 * The endpoints the server itself asks during a Microsoft sign-in (token, keys, user info): a custom cloud's are
 * admin-given, and none may point into the server's own networks unless the server option allows it.
 */
final class SignInDestinations {

    private SignInDestinations() {
    }

    /** Null when all may be asked, else why not. */
    static String refusal(OutboundAddressGuard guard, EntraIdentityProviderConfig config) {
        for (String url : new String[] {config.getTokenUrl(), config.isUseJwksUrl() ? config.getJwksUrl() : null, config.getUserInfoUrl()}) {
            if (url == null || url.isBlank()) {
                continue;
            }
            try {
                guard.check(URI.create(url.trim()));
            } catch (RefusedDestinationException e) {
                return e.getMessage();
            } catch (IOException | IllegalArgumentException e) {
                // Not resolvable or not a URL: the request itself fails as it always did.
            }
        }
        return null;
    }
}
