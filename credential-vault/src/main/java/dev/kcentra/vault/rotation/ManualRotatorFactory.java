package dev.kcentra.vault.rotation;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** The admin changed the password at the app and enters it here: that entry is the confirmation. */
public class ManualRotatorFactory implements PasswordRotatorFactory {

    public static final String PROVIDER_ID = "manual";

    private static final PasswordRotator ROTATOR = change -> PasswordRotator.Outcome.confirmed("entered by an admin");

    @Override
    public PasswordRotator create(KeycloakSession session) {
        return ROTATOR;
    }

    @Override
    public boolean adminEntersPassword() {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
