package dev.kcentra.signin;

import dev.kcentra.signin.idp.EntraGuest;
import dev.kcentra.sync.sso.SsoPolicy;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Optional;

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

    /** The route for what the identifier resolved to; {@code identifier} as typed (trimmed), for unknown users. */
    public SignInRoute route(Optional<UserModel> user, String identifier) {
        if (user.isEmpty()) {
            SsoPolicy.Decision decision = SsoPolicy.decideUnknown(realm, identifier);
            return decision.sso() ? microsoft(decision.identityProviderAlias(), identifier) : SignInRoute.PASSWORD;
        }
        return route(user.get());
    }

    public SignInRoute route(UserModel user) {
        if (user == null || !user.isEnabled()) {
            return SignInRoute.PASSWORD;
        }
        SsoPolicy.Decision decision = SsoPolicy.decide(realm, user);
        if (!decision.sso()) {
            return SignInRoute.PASSWORD;
        }
        FederatedIdentityModel link = session.users().getFederatedIdentity(realm, user, decision.identityProviderAlias());
        String upn = link != null && link.getUserName() != null && !link.getUserName().isBlank() ? link.getUserName() : user.getUsername();
        return microsoft(decision.identityProviderAlias(), upn);
    }

    /** Microsoft, when the identity provider exists and is enabled; otherwise nobody can go there. */
    private SignInRoute microsoft(String alias, String loginHint) {
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        if (idp == null || !idp.isEnabled()) {
            return SignInRoute.PASSWORD;
        }
        boolean guest = EntraGuest.isGuestUpn(loginHint);
        return new SignInRoute.Microsoft(idp.getAlias(), guest ? null : loginHint, guest);
    }
}
