package dev.kcentra.vault.admin;

import dev.kcentra.vault.rotation.RotationPolicy;
import dev.kcentra.vault.store.PasswordAppEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The settings of an app that decide where its password goes: changing one needs the reveal's fresh sign-in. */
final class SendTargets {

    private SendTargets() {
    }

    /** The names of the send targets the new settings change, in the order of the representation. */
    static List<String> changed(PasswordAppEntity before, AppSettings after) {
        List<String> changed = new ArrayList<>();
        add(changed, "loginUrl", before.getLoginUrl(), after.loginUrl());
        add(changed, "injection", before.getInjection(), after.injection());
        add(changed, "usernameField", before.getUsernameField(), after.usernameField());
        add(changed, "passwordField", before.getPasswordField(), after.passwordField());
        add(changed, "gatewayClientId", before.getGatewayClientId(), after.gatewayClientId());
        return changed;
    }

    /** Whether the webhook rotator now sends somewhere, or in a shape, it did not before. */
    static boolean webhookChanged(RotationPolicy before, RotationPolicy after) {
        boolean sendsAfter = after != null && "webhook".equals(after.rotator());
        if (!sendsAfter) {
            return false;
        }
        boolean sentBefore = before != null && "webhook".equals(before.rotator());
        return !sentBefore || !Objects.equals(before.webhook(), after.webhook());
    }

    private static void add(List<String> changed, String name, String before, String after) {
        if (!Objects.equals(before, after)) {
            changed.add(name);
        }
    }
}
