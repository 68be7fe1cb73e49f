package dev.kcentra.signin;

import dev.kcentra.signin.idp.EntraGuest;
import dev.kcentra.sync.sso.SsoPolicy;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides the sign-in route of a typed identifier: Microsoft when it is an email at one of the connection's routed
 * Entra domains (whoever it names), or when the realm's Entra ID connection says SSO applies to the user it names
 * ({@link SsoPolicy}); the password step otherwise. Where SSO applies but the identity provider is missing or
 * disabled, the route is the "Microsoft sign-in unavailable" page, not a password page that could never succeed.
 * <p>
 * The {@code login_hint} sent to Microsoft is the typed identifier (lower case), never another identifier of the
 * user: a redirect must not turn what someone typed into a name they did not type. A typed mobile number gets no
 * {@code login_hint}, unless the step's "Send the UPN for a typed mobile number" is on.
 */
public final class SignInRouter {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final boolean sendUpnForPhone;

    public SignInRouter(KeycloakSession session, RealmModel realm, boolean sendUpnForPhone) {
        this.session = session;
        this.realm = realm;
        this.sendUpnForPhone = sendUpnForPhone;
    }

    /**
     * The route for what the identifier resolved to. {@code identifier} is as typed (trimmed); {@code byMobileNumber}
     * when it named the user by their mobile number.
     */
    public SignInRoute route(Optional<UserModel> user, String identifier, boolean byMobileNumber) {
        // At a routed domain the typed identifier alone decides: known, unknown, disabled and local users there get
        // the same redirect with the same login_hint, so that it tells nobody who has which account.
        SsoPolicy.Decision domain = SsoPolicy.decideUnknown(realm, identifier);
        if (domain.sso()) {
            return microsoft(domain.identityProviderAlias(), identifier, typed(identifier));
        }
        if (user.isEmpty() || !user.get().isEnabled()) {
            return SignInRoute.PASSWORD;
        }
        SsoPolicy.Decision decision = SsoPolicy.decide(realm, user.get());
        if (!decision.sso()) {
            return SignInRoute.PASSWORD;
        }
        String upn = upnOf(user.get(), decision.identityProviderAlias());
        String loginHint = byMobileNumber ? (sendUpnForPhone ? upn : null) : typed(identifier);
        return microsoft(decision.identityProviderAlias(), upn, loginHint);
    }

    /** The Entra account name: the link's user name, else the Keycloak username (synced users' UPN). */
    private String upnOf(UserModel user, String alias) {
        FederatedIdentityModel link = session.users().getFederatedIdentity(realm, user, alias);
        return link != null && link.getUserName() != null && !link.getUserName().isBlank() ? link.getUserName() : user.getUsername();
    }

    /** UPNs and email addresses are case-insensitive at Microsoft; lower case is what the identifier alone gives. */
    private static String typed(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }

    /** Microsoft, when the identity provider exists and is enabled; otherwise nobody can go there. */
    private SignInRoute microsoft(String alias, String upn, String loginHint) {
        IdentityProviderModel idp = alias == null ? null : session.identityProviders().getByAlias(alias);
        if (idp == null || !idp.isEnabled()) {
            return new SignInRoute.MicrosoftUnavailable(alias);
        }
        boolean guest = EntraGuest.isGuestUpn(upn) || EntraGuest.isGuestUpn(loginHint);
        return new SignInRoute.Microsoft(idp.getAlias(), guest ? null : loginHint, guest);
    }
}
