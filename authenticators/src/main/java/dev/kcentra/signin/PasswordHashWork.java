package dev.kcentra.signin;

import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

import java.util.Optional;

/**
 * The hash work of checking a password, for a refusal that must cost what a wrong password costs: the typed password
 * is verified against the user's stored hash (same algorithm, same iterations) exactly as Keycloak's password
 * check does, and the answer is thrown away. Nothing else of that check happens: no rehash of an outdated hash on a
 * right password, no success, so a right password is not told from a wrong one by its cost either.
 */
final class PasswordHashWork {

    private PasswordHashWork() {
    }

    /** A user without a stored password (or an unknown hash algorithm) costs the realm's dummy hash instead. */
    static void spend(AuthenticationFlowContext context, UserModel user, String password) {
        Optional<CredentialModel> stored = user.credentialManager()
                .getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE).findFirst();
        if (stored.isPresent()) {
            PasswordCredentialModel credential = PasswordCredentialModel.createFromCredentialModel(stored.get());
            PasswordHashProvider hash = context.getSession().getProvider(PasswordHashProvider.class,
                    credential.getPasswordCredentialData().getAlgorithm());
            if (hash != null) {
                hash.verify(password, credential);
                return;
            }
        }
        AuthenticatorUtils.dummyHash(context);
    }
}
