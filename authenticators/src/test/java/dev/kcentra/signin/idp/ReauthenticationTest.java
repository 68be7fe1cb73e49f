package dev.kcentra.signin.idp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReauthenticationTest {

    @Test
    void maxAgeBecomesPromptLoginExceptForASilentRequest() {
        assertEquals("login", Reauthentication.prompt(null, "0"));
        assertEquals("login", Reauthentication.prompt("select_account", "300"));
        assertEquals("none", Reauthentication.prompt("none", "300"));
        assertNull(Reauthentication.prompt(null, null));
        assertEquals("consent", Reauthentication.prompt("consent", null));
    }

    @Test
    void aMissingAuthTimeFailsOnlyASilentRequest() {
        assertFalse(Reauthentication.missingAuthTimeFails(null));
        assertFalse(Reauthentication.missingAuthTimeFails("login"));
        assertTrue(Reauthentication.missingAuthTimeFails("none"));
    }
}
