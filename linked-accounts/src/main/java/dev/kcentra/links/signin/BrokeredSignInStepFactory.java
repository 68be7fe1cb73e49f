package dev.kcentra.links.signin;

import dev.kcentra.common.auth.StatelessAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;

public class BrokeredSignInStepFactory extends StatelessAuthenticatorFactory {

    public static final String PROVIDER_ID = "kcentra-linked-account-broker";

    public BrokeredSignInStepFactory() {
        super(new BrokeredSignInStep(), Requirement.REQUIRED, Requirement.DISABLED);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Linked accounts: brokered sign-in";
    }

    @Override
    public String getHelpText() {
        return "First in the first-broker login flow and in the post-broker login flow of every identity provider: "
                + "completes links started on the Linked accounts page and refuses linked accounts.";
    }
}
