package dev.kcentra.signin;

import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Decides the sign-in route of a resolved user. */
public final class SignInRouter {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final IdentityFirstConfig config;

    public SignInRouter(KeycloakSession session, RealmModel realm, IdentityFirstConfig config) {
        this.session = session;
        this.realm = realm;
        this.config = config;
    }

    public SignInRoute route(UserModel user) {
        if (user == null || !user.isEnabled()) {
            return SignInRoute.PASSWORD;
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(config.entraIdpAlias());
        if (idp == null || !idp.isEnabled()) {
            return SignInRoute.PASSWORD;
        }
        FederatedIdentityModel link = session.users().getFederatedIdentity(realm, user, idp.getAlias());
        if (link == null) {
            return SignInRoute.PASSWORD;
        }
        String upn = link.getUserName() != null && !link.getUserName().isBlank() ? link.getUserName() : user.getUsername();
        return new SignInRoute.Microsoft(idp.getAlias(), upn);
    }
}
