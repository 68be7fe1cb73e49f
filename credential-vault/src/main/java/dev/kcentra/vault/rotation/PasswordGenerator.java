package dev.kcentra.vault.rotation;

import java.security.SecureRandom;

/** Random passwords after a policy: every enabled class at least once, the rest uniform over all enabled classes. */
public final class PasswordGenerator {

    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "!#%+-.:=?@_~";

    private final SecureRandom random = new SecureRandom();

    public String generate(RotationPolicy policy) {
        StringBuilder alphabet = new StringBuilder();
        StringBuilder password = new StringBuilder();
        for (String chars : new String[] {
                Boolean.TRUE.equals(policy.lower()) ? LOWER : "", Boolean.TRUE.equals(policy.upper()) ? UPPER : "",
                Boolean.TRUE.equals(policy.digits()) ? DIGITS : "", Boolean.TRUE.equals(policy.symbols()) ? SYMBOLS : ""}) {
            if (!chars.isEmpty()) {
                alphabet.append(chars);
                password.append(chars.charAt(random.nextInt(chars.length())));
            }
        }
        while (password.length() < policy.length()) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        // Shuffle so the guaranteed characters are not always first.
        for (int i = password.length() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char c = password.charAt(i);
            password.setCharAt(i, password.charAt(j));
            password.setCharAt(j, c);
        }
        return password.toString();
    }
}
