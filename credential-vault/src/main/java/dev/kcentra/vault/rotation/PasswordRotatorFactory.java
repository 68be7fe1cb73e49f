package dev.kcentra.vault.rotation;

import org.keycloak.provider.ProviderFactory;

public interface PasswordRotatorFactory extends ProviderFactory<PasswordRotator> {

    /** True where an admin types the new password (the rotator cannot make one up and apply it on its own). */
    boolean adminEntersPassword();
}
