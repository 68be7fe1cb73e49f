package dev.kcentra.vault.store;

import java.util.Set;

/**
 * What a launch or a gateway fetch needs of an app, read once and kept by {@link LaunchCache}: its hand-over settings,
 * the groups it is assigned to, its shared credential as stored (still sealed), and who has an own credential (read
 * from the database when they launch, the rare case).
 *
 * @param shared the current shared credential, or null if none was stored yet
 */
public record LaunchApp(String id, String name, String loginUrl, String injection, String usernameField, String passwordField,
                        Integer requiredLoa, String gatewayClientId, boolean gatewayOnly, Set<String> groupIds, SealedCredential shared,
                        Set<String> ownCredentialOwners) {

    public LaunchApp {
        groupIds = Set.copyOf(groupIds);
        ownCredentialOwners = Set.copyOf(ownCredentialOwners);
    }

    public boolean formLogin() {
        return "form".equals(injection);
    }

    /** Whether My apps may launch it: a posted form, unless only the gateway may hand the password over. */
    public boolean browserLaunch() {
        return formLogin() && !gatewayOnly;
    }
}
