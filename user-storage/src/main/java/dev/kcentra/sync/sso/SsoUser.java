package dev.kcentra.sync.sso;

import org.keycloak.models.UserModel;
import org.keycloak.models.utils.UserModelDelegate;

import java.util.stream.Stream;

/**
 * A synced user to whom Entra SSO applies, as Keycloak loads and updates them: "Update password" could never be
 * completed, so it is neither asked of them nor added to them (it would block every sign-in through Microsoft).
 * Passwords themselves are refused by {@link SsoPasswordVeto}.
 */
public final class SsoUser extends UserModelDelegate {

    private static final String UPDATE_PASSWORD = RequiredAction.UPDATE_PASSWORD.name();

    public SsoUser(UserModel delegate) {
        super(delegate);
    }

    @Override
    public Stream<String> getRequiredActionsStream() {
        return super.getRequiredActionsStream().filter(action -> !UPDATE_PASSWORD.equals(action));
    }

    @Override
    public void addRequiredAction(String action) {
        if (!UPDATE_PASSWORD.equals(action)) {
            super.addRequiredAction(action);
        }
    }

    @Override
    public void addRequiredAction(RequiredAction action) {
        addRequiredAction(action.name());
    }
}
