package dev.kcentra.vault.rotation;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RotationPolicyTest {

    private static final Set<String> ROTATORS = Set.of("manual", "webhook");

    @Test
    void defaultsAreLongMixedPasswordsAndFiveOldVersions() {
        RotationPolicy policy = RotationPolicy.validated(new RotationPolicy(null, null, null, null, null, null, null, null, null), ROTATORS);
        assertEquals("manual", policy.rotator());
        assertEquals(32, policy.length());
        assertEquals(5, policy.keepVersions());
        assertEquals(0, policy.periodMillis());
        assertEquals(policy, RotationPolicy.fromJson(policy.toJson()), "stored and read back unchanged");
    }

    @Test
    void theWebhookGetsDefaultFieldNamesAndOnlyHttpUrls() {
        RotationPolicy policy = RotationPolicy.validated(new RotationPolicy(30, "WEBHOOK", null, null, null, null, null, null,
                new RotationPolicy.Webhook("https://app.example/pw", null, null, null, null)), ROTATORS);
        assertEquals("webhook", policy.rotator());
        assertEquals(new RotationPolicy.Webhook("https://app.example/pw", "POST", "username", "currentPassword", "newPassword"), policy.webhook());
        assertEquals(30L * 86_400_000L, policy.periodMillis());
        assertRefused("absolute http(s) URL", new RotationPolicy(null, "webhook", null, null, null, null, null, null,
                new RotationPolicy.Webhook("file:///etc/passwd", null, null, null, null)));
        assertRefused("needs the URL", new RotationPolicy(null, "webhook", null, null, null, null, null, null, null));
        assertRefused("field names", new RotationPolicy(null, "webhook", null, null, null, null, null, null,
                new RotationPolicy.Webhook("https://app.example/pw", "POST", "user\"name", null, null)));
        assertRefused("POST or PUT", new RotationPolicy(null, "webhook", null, null, null, null, null, null,
                new RotationPolicy.Webhook("https://app.example/pw", "DELETE", null, null, null)));
    }

    @Test
    void anAppLaunchedWithAFormRotatesWeeklyUnlessToldOtherwise() {
        RotationPolicy none = new RotationPolicy(null, "webhook", null, null, null, null, null, null,
                new RotationPolicy.Webhook("https://app.example/pw", null, null, null, null));
        assertEquals(7, RotationPolicy.validated(none, ROTATORS, true).periodDays(), "its password reaches browsers");
        assertEquals(7L * 86_400_000L, RotationPolicy.validated(none, ROTATORS, true).periodMillis());
        assertNull(RotationPolicy.validated(none, ROTATORS, false).periodDays(), "gateway only: on demand, as before");
        RotationPolicy monthly = new RotationPolicy(30, "manual", null, null, null, null, null, null, null);
        assertEquals(30, RotationPolicy.validated(monthly, ROTATORS, true).periodDays(), "an explicit period is kept");
    }

    @Test
    void nonsenseIsRefusedWithAMessage() {
        assertRefused("Unknown rotator", new RotationPolicy(null, "ftp", null, null, null, null, null, null, null));
        assertRefused("12 to 256", new RotationPolicy(null, null, 8, null, null, null, null, null, null));
        assertRefused("character class", new RotationPolicy(null, null, null, false, false, false, false, null, null));
        assertRefused("3650 days", new RotationPolicy(0, null, null, null, null, null, null, null, null));
        assertRefused("100 old versions", new RotationPolicy(null, null, null, null, null, null, null, 1000, null));
    }

    private static void assertRefused(String message, RotationPolicy policy) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RotationPolicy.validated(policy, ROTATORS));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aPasswordChangePrintsNeitherPasswordNorTheSharedSecret() {
        String shown = new PasswordRotator.Change("App", "https://app.example/login", "svc", "Old-Password-1", "New-Password-2", null, "hook-secret").toString();
        assertTrue(!shown.contains("Old-Password-1") && !shown.contains("New-Password-2") && !shown.contains("hook-secret"), shown);
        assertTrue(shown.contains("username=svc"), shown);
    }
}
