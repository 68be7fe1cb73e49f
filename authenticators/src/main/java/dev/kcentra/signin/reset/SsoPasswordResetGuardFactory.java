package dev.kcentra.signin.reset;

import dev.kcentra.common.auth.StatelessAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;

public class SsoPasswordResetGuardFactory extends StatelessAuthenticatorFactory {

    public static final String PROVIDER_ID = "kcentra-sso-reset-guard";

    public SsoPasswordResetGuardFactory() {
        super(new SsoPasswordResetGuard(), Requirement.REQUIRED, Requirement.DISABLED);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Entra SSO: no password reset";
    }

    @Override
    public String getHelpText() {
        return "In the reset-credentials flow, after 'Choose User': users who sign in with Microsoft get the usual "
                + "'email sent' page but no email and no password.";
    }
}
