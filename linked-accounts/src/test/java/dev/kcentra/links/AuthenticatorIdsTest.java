package dev.kcentra.links;

import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticatorFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keycloak stores an execution's authenticator id in a 36-character column: a longer id fails a realm import. */
class AuthenticatorIdsTest {

    @Test
    void everyAuthenticatorIdFitsKeycloaksColumn() throws Exception {
        List<String> factories;
        try (BufferedReader services = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream(
                "/META-INF/services/org.keycloak.authentication.AuthenticatorFactory"), StandardCharsets.UTF_8))) {
            factories = services.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        }
        assertFalse(factories.isEmpty());
        for (String name : factories) {
            String id = ((AuthenticatorFactory) Class.forName(name).getDeclaredConstructor().newInstance()).getId();
            assertTrue(id.length() <= 36, id + " is " + id.length() + " characters");
        }
    }
}
