package dev.kcentra.links.account;

import dev.kcentra.common.web.BrowserSession;
import dev.kcentra.common.web.PageClient;
import dev.kcentra.common.web.SessionCsrf;
import dev.kcentra.links.linking.IdpLinking;
import dev.kcentra.links.linking.Linking;
import dev.kcentra.links.linking.LinkEvents;
import dev.kcentra.links.linking.LinkNotifications;
import dev.kcentra.links.linking.Lockout;
import dev.kcentra.links.store.AccountLinkEntity;
import dev.kcentra.links.store.LinkStore;
import dev.kcentra.links.store.LinkedAccount;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.messages.Messages;

import java.util.List;
import java.util.Optional;

/**
 * "Linked accounts": the signed-in user (the master) links accounts of the realm's other identity stores by proving
 * them, lists and unlinks them, chooses which may authenticate for it, and resets their passwords or clears their
 * lockouts. Every change is a POST carrying the session's anti-forgery value; linking, switching "Allow
 * authentication" on and setting a password also need a fresh sign-in ({@link FreshSignIn}).
 */
public class LinkedAccountsResource {

    private static final Logger LOG = Logger.getLogger(LinkedAccountsResource.class);
    private static final SessionCsrf CSRF = new SessionCsrf("kcentra-links-csrf");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final LinkStore store;

    LinkedAccountsResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = new LinkStore(session, realm);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("code") String code) {
        PageClient.Entry entry = LinkedAccountsPage.CLIENT.enter(session, realm, code);
        if (entry.instead() != null) {
            return entry.instead();
        }
        AuthenticationManager.AuthResult auth = entry.auth();
        // Back from a sign-in at a provider: its outcome, kept in the master's session (never in the URL).
        Linking.Result result = IdpLinking.takeResult(auth.session());
        if (result == null && FreshSignIn.back(realm, auth.session())) {
            return render(auth, forms(auth.user()).setInfo("kcentraLinksSignedInAgain"));
        }
        return render(auth, result == null ? forms(auth.user()) : told(forms(auth.user()), result));
    }

    /** Link by signing in at one of the realm's identity providers: off to the provider, back through the broker flows. */
    @POST
    @Path("link-provider")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response linkWithProvider(@FormParam("csrf") String csrf, @FormParam("provider") String alias) {
        return changingFreshly(csrf, (auth, own) -> {
            IdentityProviderModel provider = alias == null ? null : session.identityProviders().getByAlias(alias);
            ClientModel client = realm.getClientByClientId(LinkedAccountsPage.CLIENT_ID);
            if (!IdpLinking.usable(provider) || client == null) {
                return render(auth, forms(auth.user()).setError("kcentraLinksUnknownProvider"));
            }
            return Response.seeOther(IdpLinking.start(session, realm, client, LinkedAccountsPage.CLIENT.home(session.getContext().getUri(), realm),
                    auth.session(), provider)).build();
        });
    }

    @POST
    @Path("link")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response link(@FormParam("csrf") String csrf, @FormParam("username") String username, @FormParam("password") String password) {
        return changingFreshly(csrf, (auth, own) -> {
            Linking.Result result = Linking.byPassword(session, realm, auth.user(), username, password, event(EventType.FEDERATED_IDENTITY_LINK, auth));
            return render(auth, told(forms(auth.user()), result));
        });
    }

    @POST
    @Path("unlink")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response unlink(@FormParam("csrf") String csrf, @FormParam("link") String linkId, @FormParam("confirmed") String confirmed) {
        return changing(csrf, (auth, own) -> withLink(auth, own, linkId, (link, account) -> {
            if (!"true".equals(confirmed)) {
                return forms(auth.user())
                        .setAttribute("kcentraCsrf", CSRF.value(auth.session()))
                        .setAttribute("kcentraLinksUrl", home())
                        .setAttribute("kcentraLink", link.getId())
                        .setAttribute("kcentraLinkedUsername", username(link, account))
                        .createForm("kcentra-unlink-account.ftl");
            }
            store.delete(link);
            LinkEvents.about(event(EventType.REMOVE_FEDERATED_IDENTITY, auth), account, null).success();
            if (account != null) {
                LinkNotifications.unlinked(session, realm, auth.user(), account);
            }
            return render(auth, forms(auth.user()).setSuccess("kcentraLinksUnlinked", username(link, account)));
        }));
    }

    @POST
    @Path("allow-authentication")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response allowAuthentication(@FormParam("csrf") String csrf, @FormParam("link") String linkId, @FormParam("enabled") String enabled) {
        boolean allow = "true".equals(enabled);
        Change change = (auth, own) -> withLink(auth, own, linkId, (link, account) -> {
            link.setAllowAuthentication(allow);
            LinkEvents.about(event(EventType.FEDERATED_IDENTITY_LINK, auth), account, null)
                    .detail(LinkEvents.CHANGE, allow ? "allow-authentication" : "deny-authentication").success();
            return render(auth, forms(auth.user()).setSuccess(allow ? "kcentraLinksAuthAllowed" : "kcentraLinksAuthDenied", username(link, account)));
        });
        // Switching off takes power away from the linked account: only switching on needs a fresh sign-in.
        return allow ? changingFreshly(csrf, change) : changing(csrf, change);
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response password(@FormParam("csrf") String csrf, @FormParam("link") String linkId,
                             @FormParam("password-new") String password, @FormParam("password-confirm") String confirmation) {
        return changingFreshly(csrf, (auth, own) -> withLink(auth, own, linkId, (link, account) -> {
            if (account == null) {
                return render(auth, forms(auth.user()).setError("kcentraLinksPasswordNotWritable", username(link, null)));
            }
            EventBuilder event = event(EventType.UPDATE_CREDENTIAL, auth).user(account)
                    .detail(Details.CREDENTIAL_TYPE, PasswordCredentialModel.TYPE).detail(LinkEvents.MASTER_USER_ID, auth.user().getId());
            if (password == null || password.isEmpty()) {
                event.error("password_missing");
                return render(auth, forms(auth.user()).setError(Messages.MISSING_PASSWORD));
            }
            if (!password.equals(confirmation)) {
                event.error("password_confirm_error");
                return render(auth, forms(auth.user()).setError(Messages.NOTMATCH_PASSWORD));
            }
            PolicyError policy = session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, account, password);
            if (policy != null) {
                event.error("password_rejected");
                return render(auth, forms(auth.user()).setError(policy.getMessage(), policy.getParameters()));
            }
            try {
                account.credentialManager().updateCredential(UserCredentialModel.password(password, false));
            } catch (ModelException e) {
                // A read-only federation provider (LDAP in read-only mode, say) refuses, or our Entra SSO rule (no
                // password for an SSO user): that one names its reason with a message key of ours.
                LOG.debugf("Password of linked account %s not written: %s", account.getId(), e.getMessage());
                event.error("password_not_writable");
                return render(auth, e.getMessage() != null && e.getMessage().startsWith("kcentra")
                        ? forms(auth.user()).setError(e.getMessage())
                        : forms(auth.user()).setError("kcentraLinksPasswordNotWritable", account.getUsername()));
            }
            event.success();
            return render(auth, forms(auth.user()).setSuccess("kcentraLinksPasswordSet", account.getUsername()));
        }));
    }

    @POST
    @Path("unlock")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response unlock(@FormParam("csrf") String csrf, @FormParam("link") String linkId) {
        return changing(csrf, (auth, own) -> withLink(auth, own, linkId, (link, account) -> {
            if (account == null || !Lockout.clear(session, realm, account)) {
                return render(auth, forms(auth.user()).setError("kcentraLinksNotLocked", username(link, account)));
            }
            event(EventType.CUSTOM_REQUIRED_ACTION, auth).user(account).detail(Details.CUSTOM_REQUIRED_ACTION, "kcentra-clear-lockout")
                    .detail(LinkEvents.MASTER_USER_ID, auth.user().getId()).success();
            return render(auth, forms(auth.user()).setSuccess("kcentraLinksUnlocked", account.getUsername()));
        }));
    }

    /** An identity provider to link with, as the page shows it. */
    public static final class ProviderView {
        private final String alias;
        private final String name;

        ProviderView(String alias, String name) {
            this.alias = alias;
            this.name = name;
        }

        public String getAlias() { return alias; }
        public String getName() { return name; }
    }

    private interface Change {
        /** @param own the signed-in user's own row: its enrollment as a master, if any */
        Response apply(AuthenticationManager.AuthResult auth, Optional<AccountLinkEntity> own);
    }

    private interface LinkChange {
        Response apply(AccountLinkEntity link, UserModel account);
    }

    /** A changing request: signed in, not a linked account itself, and carrying this session's anti-forgery value. */
    private Response changing(String csrf, Change change) {
        AuthenticationManager.AuthResult auth = BrowserSession.authenticate(session, realm);
        if (auth == null) {
            return Response.seeOther(LinkedAccountsPage.CLIENT.signIn(session.getContext().getUri(), realm, null)).build();
        }
        if (!CSRF.matches(auth.session(), csrf)) {
            event(EventType.FEDERATED_IDENTITY_LINK_ERROR, auth).detail(LinkEvents.LINK_KIND, LinkEvents.ACCOUNT_LINK).error("invalid_csrf_token");
            return forms(auth.user()).setError("kcentraLinksForgery").createErrorPage(Response.Status.BAD_REQUEST);
        }
        Optional<AccountLinkEntity> own = store.find(LinkedAccount.of(auth.user()));
        if (own.isPresent() && !own.get().isMaster()) {
            return forms(auth.user()).setError("kcentraLinkedAccountRefused").createErrorPage(Response.Status.FORBIDDEN);
        }
        return change.apply(auth, own);
    }

    /**
     * A changing request that hands a linked account power over the master: as {@link #changing}, and the master signed
     * in within the realm's maximum age of authentication ({@link FreshSignIn}); otherwise off to sign in again first,
     * nothing changed.
     */
    private Response changingFreshly(String csrf, Change change) {
        return changing(csrf, (auth, own) -> {
            if (!FreshSignIn.isFresh(realm, auth.session())) {
                LOG.debugf("Linked accounts change by user %s needs a fresh sign-in", auth.user().getId());
                return FreshSignIn.signInAgain(session, realm, auth.session());
            }
            return change.apply(auth, own);
        });
    }

    /** A change to one of the signed-in master's own links; any other id is "not found". */
    private Response withLink(AuthenticationManager.AuthResult auth, Optional<AccountLinkEntity> master, String linkId, LinkChange change) {
        Optional<AccountLinkEntity> link = store.byId(linkId).filter(l -> master.isPresent() && master.get().getId().equals(l.getMasterId()));
        if (link.isEmpty()) {
            return render(auth, forms(auth.user()).setError("kcentraLinksUnknownLink"));
        }
        UserModel account = link.get().getUserId() == null ? null : session.users().getUserById(realm, link.get().getUserId());
        return change.apply(link.get(), account);
    }

    private static LoginFormsProvider told(LoginFormsProvider forms, Linking.Result result) {
        return result.linked() ? forms.setSuccess(result.messageKey(), result.accountName()) : forms.setError(result.messageKey());
    }

    private Response render(AuthenticationManager.AuthResult auth, LoginFormsProvider forms) {
        Optional<AccountLinkEntity> master = store.find(LinkedAccount.of(auth.user())).filter(AccountLinkEntity::isMaster);
        List<LinkView> links = master.map(store::linksOf).orElse(List.of()).stream().map(this::view).toList();
        return forms
                .setAttribute("kcentraLinks", links)
                .setAttribute("kcentraEnrolled", master.isPresent())
                .setAttribute("kcentraCsrf", CSRF.value(auth.session()))
                .setAttribute("kcentraLinksUrl", home())
                .setAttribute("kcentraProviders", session.identityProviders().getAllStream().filter(IdpLinking::usable)
                        .map(p -> new ProviderView(p.getAlias(), p.getDisplayName() == null || p.getDisplayName().isBlank() ? p.getAlias() : p.getDisplayName()))
                        .toList())
                .createForm("kcentra-linked-accounts.ftl");
    }

    private LinkView view(AccountLinkEntity link) {
        UserModel account = link.getUserId() == null ? null : session.users().getUserById(realm, link.getUserId());
        String storeName = null;
        if (account != null && account.getFederationLink() != null) {
            ComponentModel provider = realm.getComponent(account.getFederationLink());
            storeName = provider == null ? account.getFederationLink() : provider.getName();
        }
        return new LinkView(link, username(link, account), storeName, account != null && Lockout.isLockedOut(session, realm, account));
    }

    private static String username(AccountLinkEntity link, UserModel account) {
        return account != null ? account.getUsername() : link.getAccountName() != null ? link.getAccountName() : link.getAccount();
    }

    private String home() {
        return LinkedAccountsPage.CLIENT.home(session.getContext().getUri(), realm).toString();
    }

    private EventBuilder event(EventType type, AuthenticationManager.AuthResult auth) {
        return LinkedAccountsPage.event(session, realm, auth.session()).event(type).user(auth.user());
    }

    private LoginFormsProvider forms(UserModel user) {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class);
        if (user != null) {
            forms.setUser(user);
        }
        return forms;
    }
}
