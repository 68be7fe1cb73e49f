package dev.kcentra.vault.launch;

import dev.kcentra.vault.access.AccessEvents;
import dev.kcentra.vault.access.AppAccess;
import dev.kcentra.vault.crypto.VaultKeyException;
import dev.kcentra.vault.store.LaunchApp;
import dev.kcentra.vault.store.SealedCredentials;
import dev.kcentra.vault.store.SealedCredential;
import dev.kcentra.vault.store.VaultStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.utils.AuthorizeClientUtil;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.Map;
import java.util.Optional;

/**
 * Gateway mode: a reverse proxy in front of a legacy app fetches the credential to inject (HTTP Basic or form) for the
 * user it is serving. Like token introspection, the proxy authenticates as its confidential client and posts the
 * user's access token as {@code token}; the token must have been issued to that same client, which must be the app's
 * configured gateway, and the user must be assigned to the app.
 */
public class GatewayResource {

    private static final Logger LOG = Logger.getLogger(GatewayResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final VaultStore store;

    GatewayResource(KeycloakSession session, RealmModel realm, VaultStore store) {
        this.session = session;
        this.realm = realm;
        this.store = store;
    }

    public record GatewayCredential(String username, String password, String injection, String usernameField, String passwordField,
                                    int version) {
    }

    @POST
    @Path("apps/{id}/credential")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response credential(@PathParam("id") String appId, @FormParam("token") String token) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection());
        // A failed client authentication is logged by Keycloak on this event: it needs its type first.
        AccessEvents.about(event, null, AccessEvents.CHANNEL_GATEWAY).detail(AccessEvents.APP, String.valueOf(appId));
        ClientModel gateway = AuthorizeClientUtil.authorizeClient(session, event, null).getClient();
        event.client(gateway);
        if (gateway.isPublicClient()) {
            event.error(AccessEvents.NOT_GATEWAY_CLIENT);
            return error(Response.Status.UNAUTHORIZED, "invalid_client", "The gateway must be a confidential client.");
        }
        Optional<LaunchApp> found = store.launchApp(appId);
        AccessEvents.about(event, found.orElse(null), AccessEvents.CHANNEL_GATEWAY);
        if (found.isEmpty()) {
            event.error(AccessEvents.UNKNOWN_APP);
            return error(Response.Status.NOT_FOUND, "unknown_app", "No such password app.");
        }
        LaunchApp app = found.get();
        if (!gateway.getClientId().equals(app.gatewayClientId())) {
            event.error(AccessEvents.NOT_GATEWAY_CLIENT);
            return error(Response.Status.FORBIDDEN, "access_denied", "This client is not the app's gateway.");
        }
        AuthenticationManager.AuthResult user = token == null || token.isBlank() ? null
                : new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).setTokenString(token).authenticate();
        if (user == null) {
            event.error(AccessEvents.INVALID_USER_TOKEN);
            return error(Response.Status.UNAUTHORIZED, "invalid_token", "The user's access token is missing, expired or not valid.");
        }
        event.user(user.user()).session(user.session());
        if (!gateway.getClientId().equals(user.token().getIssuedFor())) {
            event.error(AccessEvents.NOT_GATEWAY_CLIENT);
            return error(Response.Status.FORBIDDEN, "access_denied", "The user's token was issued to another client.");
        }
        UserModel subject = user.user();
        AppAccess.HandOver handOver = new AppAccess(session, store).handOver(subject, app);
        if (!handOver.assigned()) {
            event.error(AccessEvents.NOT_ASSIGNED);
            return error(Response.Status.FORBIDDEN, "access_denied", "The user is not assigned to this app.");
        }
        Optional<SealedCredential> credential = handOver.credential();
        if (credential.isEmpty()) {
            event.error(AccessEvents.NO_CREDENTIAL);
            return error(Response.Status.CONFLICT, "no_credential", "The app has no credential yet.");
        }
        if (app.requiredLoa() != null && !StepUp.holds(realm, user.session(),
                user.session().getAuthenticatedClientSessionByClient(gateway.getId()), app.requiredLoa())) {
            // As on My apps: the user's session must hold the app's level now, within its max age.
            event.error(AccessEvents.STEP_UP_REQUIRED);
            return error(Response.Status.FORBIDDEN, "insufficient_user_authentication",
                    "The user's sign-in has not reached (or no longer holds) the app's required level of authentication; sign in again with acr_values.");
        }
        String password;
        try {
            password = new SealedCredentials(session, realm).open(credential.get());
        } catch (VaultKeyException e) {
            LOG.warnf("Vault of realm %s: gateway fetch for app %s failed: %s", realm.getName(), app.id(), e.getMessage());
            event.error(AccessEvents.VAULT_KEY_ERROR);
            return error(Response.Status.SERVICE_UNAVAILABLE, "vault_unavailable", "The vault cannot open the credential now.");
        }
        event.detail(AccessEvents.VERSION, String.valueOf(credential.get().version())).success();
        return Response.ok(new GatewayCredential(credential.get().username(), password, app.injection(), app.usernameField(),
                app.passwordField(), credential.get().version())).cacheControl(noStore()).build();
    }

    private static Response error(Response.Status status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore())
                .entity(Map.of("error", error, "error_description", description)).build();
    }

    private static CacheControl noStore() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return noStore;
    }
}
