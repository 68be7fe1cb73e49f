package dev.kcentra.vault.rotation;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordGeneratorTest {

    private final PasswordGenerator generator = new PasswordGenerator();

    @Test
    void everyEnabledClassAppearsAndNothingElse() {
        RotationPolicy policy = policy(12, true, true, true, true);
        for (int i = 0; i < 500; i++) {
            String password = generator.generate(policy);
            assertEquals(12, password.length());
            assertTrue(password.chars().anyMatch(Character::isLowerCase), password);
            assertTrue(password.chars().anyMatch(Character::isUpperCase), password);
            assertTrue(password.chars().anyMatch(Character::isDigit), password);
            assertTrue(password.chars().anyMatch(c -> "!#%+-.:=?@_~".indexOf(c) >= 0), password);
        }
    }

    @Test
    void onlyDigitsWhenOnlyDigitsAreAllowed() {
        String password = generator.generate(policy(64, false, false, true, false));
        assertTrue(password.chars().allMatch(Character::isDigit), password);
    }

    @Test
    void passwordsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(generator.generate(policy(32, true, true, true, false))));
        }
    }

    private static RotationPolicy policy(int length, boolean lower, boolean upper, boolean digits, boolean symbols) {
        return RotationPolicy.validated(new RotationPolicy(null, "manual", length, lower, upper, digits, symbols, null, null), Set.of("manual"));
    }
}
