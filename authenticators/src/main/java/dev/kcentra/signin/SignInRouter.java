package dev.kcentra.signin;

import dev.kcentra.sync.sso.SsoPolicy;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Decides the sign-in route of a resolved user: Microsoft when the realm's Entra ID connection says SSO applies to
 * the user ({@link SsoPolicy}) and its identity provider is enabled; the password step otherwise.
 */
public final class SignInRouter {

    private final KeycloakSession session;
    private final RealmModel realm;

    public SignInRouter(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public SignInRoute route(UserModel user) {
        if (user == null || !user.isEnabled()) {
            return SignInRoute.PASSWORD;
        }
        SsoPolicy.Decision decision = SsoPolicy.decide(realm, user);
        if (!decision.sso()) {
            return SignInRoute.PASSWORD;
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(decision.identityProviderAlias());
        if (idp == null || !idp.isEnabled()) {
            return SignInRoute.PASSWORD;
        }
        FederatedIdentityModel link = session.users().getFederatedIdentity(realm, user, idp.getAlias());
        String upn = link != null && link.getUserName() != null && !link.getUserName().isBlank() ? link.getUserName() : user.getUsername();
        return new SignInRoute.Microsoft(idp.getAlias(), upn);
    }
}
