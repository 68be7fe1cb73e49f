package dev.kcentra.standin;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandInOptionsTest {

    @Test
    void defaultsToThePortsTheDemoRealmUses() {
        StandInOptions options = StandInOptions.fromArguments("--seed", "seed.json");
        assertEquals(new StandInOptions(Path.of("seed.json"), 8180, 8181), options);
    }

    @Test
    void readsPorts() {
        assertEquals(new StandInOptions(Path.of("s.json"), 9000, 9001),
                StandInOptions.fromArguments("--login-port", "9000", "--seed", "s.json", "--graph-port", "9001"));
    }

    @Test
    void explainsBadArguments() {
        assertTrue(assertThrows(IllegalArgumentException.class, StandInOptions::fromArguments).getMessage().contains("--seed FILE is required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StandInOptions.fromArguments("--seed")).getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StandInOptions.fromArguments("--seed", "s", "--login-port", "x")).getMessage().contains("must be a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StandInOptions.fromArguments("--seed", "s", "--port", "1")).getMessage().contains("unknown option --port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StandInOptions.fromArguments("--seed", "s", "--login-port", "8181")).getMessage().contains("must differ"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StandInOptions.fromArguments("--seed", "s", "--graph-port", "70000")).getMessage().contains("0-65535"));
    }
}
