package dev.kcentra.links.signin;

import dev.kcentra.common.auth.StatelessAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;

public class LinkedAccountRefusalFactory extends StatelessAuthenticatorFactory {

    public static final String PROVIDER_ID = "kcentra-linked-account-refusal";

    public LinkedAccountRefusalFactory() {
        super(new LinkedAccountRefusal(), Requirement.REQUIRED, Requirement.DISABLED);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Linked accounts: refuse linked accounts";
    }

    @Override
    public String getHelpText() {
        return "After the steps that identify and prove the user (browser flow, direct grant, post-broker and first-broker "
                + "login flows): an account linked to a master account cannot sign in on its own.";
    }
}
