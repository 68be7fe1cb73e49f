package dev.kcentra.vault.launch;

import dev.kcentra.common.web.BrowserSession;
import dev.kcentra.common.web.PageClient;
import dev.kcentra.common.web.SessionCsrf;
import dev.kcentra.vault.access.AccessEvents;
import dev.kcentra.vault.access.AppAccess;
import dev.kcentra.vault.crypto.VaultKeyException;
import dev.kcentra.vault.store.PasswordAppEntity;
import dev.kcentra.vault.store.SealedCredentials;
import dev.kcentra.vault.store.LaunchApp;
import dev.kcentra.vault.store.SealedCredential;
import dev.kcentra.vault.store.VaultStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * "My apps": the signed-in user's assigned password apps, in the realm's login theme. A launch is two steps: the
 * page's POST (same-site form with the session's anti-forgery value) checks access and issues a launch token in a
 * cookie; the token, taken once, yields a page that posts the credential to the app's login URL. Access is checked at
 * both steps.
 */
public class MyAppsResource {

    private static final Logger LOG = Logger.getLogger(MyAppsResource.class);
    private static final SessionCsrf CSRF = new SessionCsrf("kcentra-vault-csrf");
    private static final MinuteCache<URI> GO_URIS = new MinuteCache<>();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final int launchTokenSeconds;
    private final VaultStore store;

    MyAppsResource(KeycloakSession session, int launchTokenSeconds) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.launchTokenSeconds = launchTokenSeconds;
        this.store = new VaultStore(session, realm);
    }

    /** An app as the page shows it (a JavaBean: FreeMarker reads getters, not record accessors). */
    public static final class AppView {
        private final PasswordAppEntity app;

        AppView(PasswordAppEntity app) {
            this.app = app;
        }

        public String getId() { return app.getId(); }
        public String getName() { return app.getName(); }
        public String getDescription() { return app.getDescription(); }
        /** Launched from here with a posted form; otherwise a link to the app (its gateway signs the user in). */
        public boolean isFormLogin() { return "form".equals(app.getInjection()) && !app.isGatewayOnly(); }
        public String getUrl() { return app.getLoginUrl(); }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("code") String code) {
        PageClient.Entry entry = MyAppsClient.PAGE.enter(session, realm, code);
        if (entry.instead() != null) {
            return entry.instead();
        }
        AuthenticationManager.AuthResult auth = entry.auth();
        UserModel user = auth.user();
        List<AppView> apps = new AppAccess(session, store).appsOf(user).stream()
                .map(AppView::new).toList();
        return forms(user)
                .setAttribute("kcentraApps", apps)
                .setAttribute("kcentraCsrf", CSRF.value(auth.session()))
                .setAttribute("kcentraLaunchUrl", MyAppsClient.PAGE.home(session.getContext().getUri(), realm) + "launch")
                .createForm("kcentra-my-apps.ftl");
    }

    /**
     * Step one: the user asks to launch; access is checked and a launch token issued, in a cookie that only the next
     * step's path receives (never in a URL or a page).
     */
    @POST
    @Path("launch")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response launch(@FormParam("app") String appId, @FormParam("csrf") String csrf) {
        AuthenticationManager.AuthResult auth = BrowserSession.authenticate(session, realm);
        if (auth == null) {
            return Response.seeOther(MyAppsClient.PAGE.signIn(session.getContext().getUri(), realm, null)).build();
        }
        UserModel user = auth.user();
        if (!CSRF.matches(auth.session(), csrf)) {
            return forms(user).setError("kcentraLaunchRefused").createErrorPage(Response.Status.BAD_REQUEST);
        }
        // Events are built on the refusal paths only: the launch's event is sent when the credential is handed over.
        Optional<LaunchApp> found = store.launchApp(appId);
        if (found.isEmpty()) {
            AccessEvents.about(event(user, auth.session()), null, AccessEvents.CHANNEL_LAUNCH).detail(AccessEvents.APP, String.valueOf(appId))
                    .error(AccessEvents.UNKNOWN_APP);
            return refused(user);
        }
        LaunchApp app = found.get();
        if (!AppAccess.mayUse(user, app.groupIds())) {
            denied(user, auth.session(), app, AccessEvents.NOT_ASSIGNED);
            return refused(user);
        }
        if (!app.browserLaunch()) {
            // HTTP Basic cannot be handed over by a browser form without putting the password in a URL, and a gateway-only
            // app's password never goes to a browser: the gateway does it.
            denied(user, auth.session(), app, app.formLogin() ? AccessEvents.GATEWAY_ONLY : AccessEvents.NO_CREDENTIAL);
            return forms(user).setError("kcentraLaunchViaGateway").createErrorPage(Response.Status.CONFLICT);
        }
        if (app.requiredLoa() != null && !StepUp.holds(realm, auth.session(), myAppsSession(auth.session()), app.requiredLoa())) {
            denied(user, auth.session(), app, AccessEvents.STEP_UP_REQUIRED);
            if (StepUp.highestLevel(realm) < app.requiredLoa()) {
                // The flow was changed after the app was set up: a sign-in could never reach the level. Say so, do not loop.
                return forms(user).setError("kcentraLaunchStepUpUnavailable").createErrorPage(Response.Status.FORBIDDEN);
            }
            return Response.seeOther(MyAppsClient.PAGE.signIn(session.getContext().getUri(), realm, String.valueOf(app.requiredLoa()))).build();
        }
        String token = new LaunchTokens(session, launchTokenSeconds).issue(new LaunchTokens.Launch(BrowserSession.Seen.of(session, auth),
                user.getId(), app.id(), app.name()));
        URI go = goUri();
        return Response.seeOther(go).cookie(LaunchCookie.carrying(go, token, launchTokenSeconds)).build();
    }

    /**
     * Step two: the launch token (from its cookie, taken once) becomes the form that signs the user in to the app. Access
     * and the app are read again: a change since step one counts.
     */
    @GET
    @Path("go")
    @Produces(MediaType.TEXT_HTML)
    public Response go() {
        // The token's cookie goes whatever the outcome.
        return LaunchCookie.expire(goWith(LaunchCookie.token(session)), goUri());
    }

    private Response goWith(String token) {
        Optional<LaunchTokens.Taken> taken = new LaunchTokens(session, launchTokenSeconds).take(token);
        // The browser must bring the identity cookie verified at step one, for a session still valid; only a refusal
        // verifies the cookie again, to name the browser's user in its event.
        AuthenticationManager.AuthResult auth = taken.isPresent() && taken.get().usable()
                ? BrowserSession.again(session, realm, taken.get().launch().browser()) : null;
        if (auth == null || !auth.user().getId().equals(taken.get().launch().userId())) {
            AuthenticationManager.AuthResult browser = BrowserSession.authenticate(session, realm);
            UserModel user = browser == null ? null : browser.user();
            EventBuilder event = event(user, browser == null ? null : browser.session());
            if (taken.isEmpty()) {
                AccessEvents.about(event, null, AccessEvents.CHANNEL_LAUNCH);
            } else {
                AccessEvents.about(event, taken.get().launch().appId(), taken.get().launch().appName(), AccessEvents.CHANNEL_LAUNCH);
            }
            event.error(AccessEvents.INVALID_LAUNCH_TOKEN);
            return forms(user).setError("kcentraLaunchExpired").createErrorPage(Response.Status.BAD_REQUEST);
        }
        UserModel user = auth.user();
        LaunchTokens.Launch launch = taken.get().launch();
        EventBuilder event = AccessEvents.about(event(user, auth.session()), launch.appId(), launch.appName(), AccessEvents.CHANNEL_LAUNCH);
        Optional<LaunchApp> app = store.launchApp(launch.appId());
        AppAccess.HandOver handOver = app.isEmpty() ? null : new AppAccess(session, store).handOver(user, app.get());
        if (handOver == null || !handOver.assigned()) {
            event.error(AccessEvents.NOT_ASSIGNED);
            return refused(user);
        }
        if (!app.get().browserLaunch()) {
            // Made gateway-only (or HTTP Basic) since step one.
            event.error(app.get().formLogin() ? AccessEvents.GATEWAY_ONLY : AccessEvents.NO_CREDENTIAL);
            return forms(user).setError("kcentraLaunchViaGateway").createErrorPage(Response.Status.CONFLICT);
        }
        if (handOver.credential().isEmpty()) {
            event.error(AccessEvents.NO_CREDENTIAL);
            return forms(user).setError("kcentraLaunchNoCredential").createErrorPage(Response.Status.CONFLICT);
        }
        SealedCredential credential = handOver.credential().get();
        String password;
        try {
            password = new SealedCredentials(session, realm).open(credential);
        } catch (VaultKeyException e) {
            LOG.warnf("Vault of realm %s: launch of app %s failed: %s", realm.getName(), launch.appId(), e.getMessage());
            event.error(AccessEvents.VAULT_KEY_ERROR);
            return forms(user).setError("kcentraLaunchNoCredential").createErrorPage(Response.Status.SERVICE_UNAVAILABLE);
        }
        event.detail(AccessEvents.VERSION, String.valueOf(credential.version())).success();
        return HandOffPage.render(session, user, app.get().name(), URI.create(app.get().loginUrl()), List.of(
                new HiddenField(app.get().usernameField(), credential.username()),
                new HiddenField(app.get().passwordField(), password)));
    }

    @Path("gateway")
    public GatewayResource gateway() {
        return new GatewayResource(session, realm, store);
    }

    /** A hidden input of a hand-off form. */
    public static final class HiddenField {
        private final String name;
        private final String value;

        HiddenField(String name, String value) {
            this.name = name;
            this.value = value;
        }

        public String getName() { return name; }
        public String getValue() { return value; }
    }

    /** Built with Keycloak's URI builder once per base URI and realm: at every launch it cost a tenth of the request. */
    private URI goUri() {
        UriInfo uri = session.getContext().getUri();
        return GO_URIS.get(uri.getBaseUri() + "|" + realm.getName(), () -> URI.create(MyAppsClient.PAGE.home(uri, realm) + "go"));
    }

    private AuthenticatedClientSessionModel myAppsSession(UserSessionModel userSession) {
        ClientModel client = realm.getClientByClientId(MyAppsClient.CLIENT_ID);
        return client == null ? null : userSession.getAuthenticatedClientSessionByClient(client.getId());
    }

    private void denied(UserModel user, UserSessionModel userSession, LaunchApp app, String error) {
        AccessEvents.about(event(user, userSession), app, AccessEvents.CHANNEL_LAUNCH).error(error);
    }

    private Response refused(UserModel user) {
        return forms(user).setError("kcentraLaunchNotAssigned").createErrorPage(Response.Status.FORBIDDEN);
    }

    private EventBuilder event(UserModel user, UserSessionModel userSession) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection());
        ClientModel client = realm.getClientByClientId(MyAppsClient.CLIENT_ID);
        if (client != null) {
            event.client(client);
        }
        if (user != null) {
            event.user(user);
        }
        if (userSession != null) {
            event.session(userSession);
        }
        return event;
    }

    private LoginFormsProvider forms(UserModel user) {
        LoginFormsProvider forms = session.getProvider(LoginFormsProvider.class);
        if (user != null) {
            forms.setUser(user);
        }
        return forms;
    }
}
