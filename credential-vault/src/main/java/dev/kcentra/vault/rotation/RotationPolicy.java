package dev.kcentra.vault.rotation;

import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * An app's rollover: how often, by which rotator, what the generated passwords look like, how many old versions stay.
 * Stored as JSON on the app; {@link #validated} is the only way in, so a stored policy is always a sound one.
 */
public record RotationPolicy(Integer periodDays, String rotator, Integer length, Boolean lower, Boolean upper, Boolean digits,
                             Boolean symbols, Integer keepVersions, Webhook webhook) {

    public static final int DEFAULT_LENGTH = 32;
    public static final int DEFAULT_KEEP = 5;
    /**
     * The period of an app that My apps launches with a posted form, when none is given: that page carries the password
     * to the user's browser, where an assigned user can read and keep it, so it should not outlive a week.
     */
    public static final int DEFAULT_BROWSER_LAUNCH_PERIOD_DAYS = 7;

    /** The request the webhook rotator sends: JSON with these field names, the shared secret as a Bearer header. */
    public record Webhook(String url, String method, String usernameField, String currentPasswordField, String newPasswordField) {
    }

    /** For an app whose password never reaches a browser (HTTP Basic or gateway only). */
    public static RotationPolicy validated(RotationPolicy policy, Set<String> rotators) {
        return validated(policy, rotators, false);
    }

    /**
     * @param browserLaunch whether My apps hands the password to the browser (form launch): without a period, it then
     *                      rotates every {@link #DEFAULT_BROWSER_LAUNCH_PERIOD_DAYS} days (a longer period is set explicitly)
     * @throws IllegalArgumentException with a message an admin can act on
     */
    public static RotationPolicy validated(RotationPolicy policy, Set<String> rotators, boolean browserLaunch) {
        if (policy == null) {
            return null;
        }
        String rotator = policy.rotator() == null ? "manual" : policy.rotator().trim().toLowerCase(Locale.ROOT);
        if (!rotators.contains(rotator)) {
            throw new IllegalArgumentException("Unknown rotator '" + policy.rotator() + "'; installed: " + String.join(", ", rotators.stream().sorted().toList()) + ".");
        }
        Integer period = policy.periodDays() == null && browserLaunch ? Integer.valueOf(DEFAULT_BROWSER_LAUNCH_PERIOD_DAYS) : policy.periodDays();
        if (period != null && (period < 1 || period > 3650)) {
            throw new IllegalArgumentException("The rotation period must be between 1 and 3650 days, or absent (rotate on demand only; "
                    + "for an app launched with a form from My apps, every " + DEFAULT_BROWSER_LAUNCH_PERIOD_DAYS + " days).");
        }
        int length = policy.length() == null ? DEFAULT_LENGTH : policy.length();
        if (length < 12 || length > 256) {
            throw new IllegalArgumentException("Generated passwords must be 12 to 256 characters long.");
        }
        boolean lower = policy.lower() == null || policy.lower();
        boolean upper = policy.upper() == null || policy.upper();
        boolean digits = policy.digits() == null || policy.digits();
        boolean symbols = policy.symbols() != null && policy.symbols();
        if (!lower && !upper && !digits && !symbols) {
            throw new IllegalArgumentException("Generated passwords need at least one character class.");
        }
        int keep = policy.keepVersions() == null ? DEFAULT_KEEP : policy.keepVersions();
        if (keep < 0 || keep > 100) {
            throw new IllegalArgumentException("Keep between 0 and 100 old versions.");
        }
        Webhook webhook = policy.webhook();
        if ("webhook".equals(rotator)) {
            webhook = validated(webhook);
        }
        return new RotationPolicy(period, rotator, length, lower, upper, digits, symbols, keep, webhook);
    }

    private static Webhook validated(Webhook webhook) {
        if (webhook == null || webhook.url() == null) {
            throw new IllegalArgumentException("The webhook rotator needs the URL of the app's password-change endpoint.");
        }
        URI uri;
        try {
            uri = URI.create(webhook.url().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The webhook URL is not a URL.");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("The webhook URL must be an absolute http(s) URL.");
        }
        String method = webhook.method() == null ? "POST" : webhook.method().trim().toUpperCase(Locale.ROOT);
        if (!method.equals("POST") && !method.equals("PUT")) {
            throw new IllegalArgumentException("The webhook method must be POST or PUT.");
        }
        return new Webhook(uri.toString(), method, field(webhook.usernameField(), "username"),
                field(webhook.currentPasswordField(), "currentPassword"), field(webhook.newPasswordField(), "newPassword"));
    }

    private static String field(String name, String fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("Webhook field names are letters, digits, '_', '.' or '-' (at most 64): '" + name + "'.");
        }
        return name;
    }

    public long periodMillis() {
        return periodDays == null ? 0 : periodDays * 86_400_000L;
    }

    public String toJson() {
        try {
            return JsonSerialization.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RotationPolicy fromJson(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JsonSerialization.readValue(json, RotationPolicy.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored rotation policy unreadable", e);
        }
    }
}
