package dev.kcentra.links.factor;

import dev.kcentra.common.auth.StatelessAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;

public class ClearLockoutFactory extends StatelessAuthenticatorFactory {

    public static final String PROVIDER_ID = "kcentra-clear-lockout";

    public ClearLockoutFactory() {
        super(new ClearLockout(), Requirement.REQUIRED, Requirement.DISABLED);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Linked accounts: unlock account";
    }

    @Override
    public String getHelpText() {
        return "After the steps that prove the user (for example 'Linked account'): clears the user's brute-force lockout.";
    }
}
