package dev.kcentra.sync.graph;

import org.keycloak.models.KeycloakSession;

/** A connection's client secret or private key as stored: the value itself, or a {@code ${vault.key}} reference. */
public final class ConnectionSecrets {

    private ConnectionSecrets() {
    }

    public static boolean isVaultReference(String value) {
        return value != null && value.trim().startsWith("${vault.");
    }

    /** The value, a vault reference resolved through Keycloak's vault; refused when the vault does not have it. */
    public static String resolve(KeycloakSession session, String value) {
        if (value == null || !isVaultReference(value)) {
            return value;
        }
        return session.vault().getStringSecret(value).get()
                .orElseThrow(() -> new IllegalArgumentException("The vault has no secret for " + value + "."));
    }
}
