package dev.kcentra.links.factor;

import dev.kcentra.common.auth.StatelessAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;

public class LinkedAccountAuthenticatorFactory extends StatelessAuthenticatorFactory {

    public static final String PROVIDER_ID = "kcentra-linked-account";

    public LinkedAccountAuthenticatorFactory() {
        super(new LinkedAccountAuthenticator(), Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Linked account";
    }

    @Override
    public String getHelpText() {
        return "The user proves itself with the password of one of its linked accounts that has 'Allow Authentication' on "
                + "(reset-credentials or an unlock flow, after the user is chosen). As an alternative it steps aside for users "
                + "without such an account; required, it tells them that linked-account authentication is disabled.";
    }
}
