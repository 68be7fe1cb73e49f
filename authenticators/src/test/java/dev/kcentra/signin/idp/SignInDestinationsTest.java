package dev.kcentra.signin.idp;

import dev.kcentra.common.net.OutboundAddressGuard;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoints a sign-in makes the server ask are refused on the server's own networks without the server option. */
class SignInDestinationsTest {

    @Test
    void tokenKeysAndUserInfoEndpointsOnInternalAddressesAreRefused() {
        OutboundAddressGuard refusing = OutboundAddressGuard.refusingPrivate();
        assertTrue(SignInDestinations.refusal(refusing, config("http://127.0.0.1:8099/t/oauth2/v2.0/token", null, null))
                .contains(OutboundAddressGuard.OPTION));
        assertTrue(SignInDestinations.refusal(refusing, config(null, "http://169.254.169.254/keys", null)) != null);
        assertTrue(SignInDestinations.refusal(refusing, config(null, null, "http://[fd00::1]/oidc/userinfo")) != null);
        assertNull(SignInDestinations.refusal(refusing, config(null, null, null)));
    }

    @Test
    void theServerOptionAllowsThem() {
        OutboundAddressGuard allowing = new OutboundAddressGuard(true, InetAddress::getAllByName);
        assertNull(SignInDestinations.refusal(allowing, config("http://127.0.0.1:8099/t/oauth2/v2.0/token",
                "http://127.0.0.1:8099/keys", "http://127.0.0.1:8099/userinfo")));
    }

    private static EntraIdentityProviderConfig config(String token, String jwks, String userInfo) {
        EntraIdentityProviderConfig config = new EntraIdentityProviderConfig();
        config.setTokenUrl(token);
        config.setUseJwksUrl(jwks != null);
        config.setJwksUrl(jwks);
        config.setUserInfoUrl(userInfo);
        return config;
    }
}
