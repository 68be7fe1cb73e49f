package dev.kcentra.vault.admin;

import dev.kcentra.vault.access.AccessEvents;
import dev.kcentra.vault.access.AppAccess;
import dev.kcentra.vault.crypto.VaultKeyException;
import dev.kcentra.vault.launch.MyAppsClient;
import dev.kcentra.vault.rotation.PasswordRotator;
import dev.kcentra.vault.rotation.RotationPolicy;
import dev.kcentra.vault.rotation.RotationService;
import dev.kcentra.vault.rotation.WebhookRotatorFactory;
import dev.kcentra.vault.store.CredentialHistory;
import dev.kcentra.vault.store.PasswordAppEntity;
import dev.kcentra.vault.store.SealedCredentials;
import dev.kcentra.vault.store.SharedCredentialEntity;
import dev.kcentra.vault.store.VaultStore;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Admin REST of the vault: password apps, their shared and per-user credentials, group assignments, who has access
 * and who used it. Passwords are write-only: no answer carries one except an audited reveal after a fresh sign-in,
 * and no admin event or log line ever does. Reading needs view-realm, changing manage-realm.
 */
public class VaultAdminResource {

    private static final Logger LOG = Logger.getLogger(VaultAdminResource.class);
    private static final int MAX_PASSWORD = 1024;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final int revealMaxAgeSeconds;
    private final VaultStore store;

    VaultAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                       int revealMaxAgeSeconds) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.CUSTOM);
        this.revealMaxAgeSeconds = revealMaxAgeSeconds;
        this.store = new VaultStore(session, realm);
    }

    public record AppRepresentation(String id, String name, String loginUrl, String injection, String usernameField,
                                    String passwordField, String description, String gatewayClientId, Integer requiredLoa,
                                    Boolean gatewayOnly, CredentialSummary credential) {
    }

    public record CredentialSummary(String username, int version, long createdAt) {
    }

    public record CredentialInput(String username, String password) {
    }

    public record GroupAssignment(String id, String path) {
    }

    public record UserAccess(String id, String username, boolean ownCredential) {
    }

    public record AccessLogEntry(long time, String userId, String ipAddress, String channel, String outcome, String version) {
    }

    public record AccessLog(boolean eventsSaved, List<AccessLogEntry> entries) {
    }

    public record RevealedCredential(String username, String password, int version) {
    }

    public record Rewrapped(String keyId, int rewrapped) {
    }

    public record RotationInput(RotationPolicy policy, Long nextRotationAt) {
    }

    public record VersionSummary(int version, String state, String username, long createdAt) {
    }

    public record RotationStatus(RotationPolicy policy, Long nextRotationAt, Long lastRotationAt, String lastRotationResult,
                                 boolean webhookSecretSet, List<VersionSummary> versions) {
    }

    public record RotateInput(String password) {
    }

    public record SecretInput(String secret) {
    }

    @GET
    @Path("apps")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AppRepresentation> apps() {
        auth.realm().requireViewRealm();
        Map<String, SharedCredentialEntity> current = store.credentialsByApp(SharedCredentialEntity.SHARED, SharedCredentialEntity.CURRENT);
        return store.apps().stream().map(app -> toRepresentation(app, Optional.ofNullable(current.get(app.getId())))).toList();
    }

    @GET
    @Path("apps/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public AppRepresentation app(@PathParam("id") String id) {
        auth.realm().requireViewRealm();
        return toRepresentation(find(id));
    }

    @POST
    @Path("apps")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createApp(AppRepresentation app) {
        auth.realm().requireManageRealm();
        AppSettings settings = AppSettings.validate(app, realm);
        if (store.nameTaken(settings.name(), null)) {
            throw ErrorResponse.error("A password app named '" + settings.name() + "' exists already.", Response.Status.CONFLICT);
        }
        PasswordAppEntity entity = new PasswordAppEntity();
        settings.applyTo(entity);
        store.create(entity);
        MyAppsClient.PAGE.ensure(realm);
        adminEvent.operation(OperationType.CREATE).resourcePath(session.getContext().getUri(), entity.getId())
                .representation(toRepresentation(entity)).success();
        return Response.created(URI.create(session.getContext().getUri().getAbsolutePath() + "/" + entity.getId())).build();
    }

    @PUT
    @Path("apps/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateApp(@PathParam("id") String id, AppRepresentation app) {
        auth.realm().requireManageRealm();
        PasswordAppEntity entity = find(id);
        AppSettings settings = AppSettings.validate(app, realm);
        if (store.nameTaken(settings.name(), entity.getId())) {
            throw ErrorResponse.error("A password app named '" + settings.name() + "' exists already.", Response.Status.CONFLICT);
        }
        List<String> targets = SendTargets.changed(entity, settings);
        if (!targets.isEmpty()) {
            sendTargetsChanged(String.join(",", targets), "Changing where the app's password is sent (" + String.join(", ", targets) + ")");
        }
        settings.applyTo(entity);
        store.flush();
        adminEvent.operation(OperationType.UPDATE).resourcePath(session.getContext().getUri()).representation(toRepresentation(entity)).success();
        return Response.noContent().build();
    }

    /** The app goes with every version of every credential it had: the sealed data keys are destroyed with the rows. */
    @DELETE
    @Path("apps/{id}")
    public Response deleteApp(@PathParam("id") String id) {
        auth.realm().requireManageRealm();
        PasswordAppEntity entity = find(id);
        AppRepresentation before = toRepresentation(entity);
        store.delete(entity);
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri()).representation(before).success();
        return Response.noContent().build();
    }

    /** Stores a new version of the app's shared credential, sealed under the realm's key-encryption key. */
    @PUT
    @Path("apps/{id}/credential")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setCredential(@PathParam("id") String id, CredentialInput input) {
        auth.realm().requireManageRealm();
        return storeCredential(find(id), SharedCredentialEntity.SHARED, input, null);
    }

    /** A credential of the user's own for the app, used instead of the shared one; access still comes from groups. */
    @PUT
    @Path("apps/{id}/users/{userId}/credential")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setUserCredential(@PathParam("id") String id, @PathParam("userId") String userId, CredentialInput input) {
        auth.realm().requireManageRealm();
        PasswordAppEntity app = find(id);
        return storeCredential(app, findUser(userId).getId(), input, userId);
    }

    @DELETE
    @Path("apps/{id}/users/{userId}/credential")
    public Response deleteUserCredential(@PathParam("id") String id, @PathParam("userId") String userId) {
        auth.realm().requireManageRealm();
        PasswordAppEntity app = find(id);
        // Only a user's own rows: the shared credential ("*") and the webhook secret are owners too, but not users.
        List<SharedCredentialEntity> versions = store.versions(app, findUser(userId).getId());
        if (versions.isEmpty()) {
            throw new NotFoundException("The user has no credential of their own for this app.");
        }
        versions.forEach(store::remove);
        store.flush();
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri())
                .representation(Map.of("app", app.getName(), "user", userId)).success();
        return Response.noContent().build();
    }

    @GET
    @Path("apps/{id}/groups")
    @Produces(MediaType.APPLICATION_JSON)
    public List<GroupAssignment> groups(@PathParam("id") String id) {
        auth.realm().requireViewRealm();
        return store.assignedGroupIds(find(id)).stream().map(groupId -> session.groups().getGroupById(realm, groupId))
                .filter(Objects::nonNull).map(g -> new GroupAssignment(g.getId(), path(g))).sorted((a, b) -> a.path().compareTo(b.path())).toList();
    }

    @PUT
    @Path("apps/{id}/groups/{groupId}")
    public Response assign(@PathParam("id") String id, @PathParam("groupId") String groupId) {
        auth.realm().requireManageRealm();
        PasswordAppEntity app = find(id);
        GroupModel group = findGroup(groupId);
        if (store.assign(app, group.getId())) {
            adminEvent.operation(OperationType.CREATE).resourcePath(session.getContext().getUri())
                    .representation(Map.of("app", app.getName(), "group", path(group))).success();
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("apps/{id}/groups/{groupId}")
    public Response unassign(@PathParam("id") String id, @PathParam("groupId") String groupId) {
        auth.realm().requireManageRealm();
        PasswordAppEntity app = find(id);
        if (!store.unassign(app, groupId)) {
            throw new NotFoundException("The group is not assigned to this app.");
        }
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri())
                .representation(Map.of("app", app.getName(), "group", groupId)).success();
        return Response.noContent().build();
    }

    /** The users who may launch the app now (members of assigned groups and their subgroups), at most {@code max}. */
    @GET
    @Path("apps/{id}/access")
    @Produces(MediaType.APPLICATION_JSON)
    public List<UserAccess> access(@PathParam("id") String id, @QueryParam("max") @DefaultValue("100") int max) {
        auth.realm().requireViewRealm();
        auth.users().requireView();
        PasswordAppEntity app = find(id);
        return new AppAccess(session, store).usersWithAccess(app, Math.max(1, Math.min(max, 1000))).stream()
                .map(u -> new UserAccess(u.getId(), u.getUsername(), store.credential(app, u.getId(), SharedCredentialEntity.CURRENT).isPresent()))
                .toList();
    }

    /** Who used the app (or was refused), when and from where: the realm's saved Keycloak events of the vault. */
    @GET
    @Path("apps/{id}/access-log")
    @Produces(MediaType.APPLICATION_JSON)
    public AccessLog accessLog(@PathParam("id") String id, @QueryParam("max") @DefaultValue("100") int max) {
        auth.realm().requireViewEvents();
        PasswordAppEntity app = find(id);
        boolean saved = realm.isEventsEnabled() && realm.getEnabledEventTypesStream()
                .anyMatch(type -> type.equals(AccessEvents.LAUNCH.name()) || type.equals(AccessEvents.DENIED.name()));
        List<AccessLogEntry> entries = session.getProvider(EventStoreProvider.class).createQuery().realm(realm.getId())
                .type(AccessEvents.LAUNCH, AccessEvents.DENIED).orderByDescTime().maxResults(10_000).getResultStream()
                .filter(e -> e.getDetails() != null && app.getId().equals(e.getDetails().get(AccessEvents.APP)))
                .limit(Math.max(1, Math.min(max, 1000)))
                .map(e -> new AccessLogEntry(e.getTime(), e.getUserId(), e.getIpAddress(), e.getDetails().get(AccessEvents.CHANNEL),
                        e.getError() == null ? "success" : e.getError(), e.getDetails().get(AccessEvents.VERSION)))
                .toList();
        return new AccessLog(saved, entries);
    }

    /**
     * The current shared password in clear, for an admin who signed in within the configured age (default 5 minutes):
     * a stolen long-lived admin session cannot read the vault. Audited as an admin event, without the password.
     */
    @POST
    @Path("apps/{id}/reveal")
    @Produces(MediaType.APPLICATION_JSON)
    public Response reveal(@PathParam("id") String id) {
        auth.realm().requireManageRealm();
        PasswordAppEntity app = find(id);
        requireFreshSignIn("Revealing a password");
        SharedCredentialEntity current = store.credential(app, SharedCredentialEntity.SHARED, SharedCredentialEntity.CURRENT)
                .orElseThrow(() -> new NotFoundException("The app has no shared credential yet."));
        String password = withKeys(() -> new SealedCredentials(session, realm).open(current));
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                .representation(Map.of("app", app.getName(), "revealed", "password", "version", current.getVersion())).success();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new RevealedCredential(current.getUsername(), password, current.getVersion())).cacheControl(noStore).build();
    }

    @GET
    @Path("apps/{id}/rotation")
    @Produces(MediaType.APPLICATION_JSON)
    public RotationStatus rotation(@PathParam("id") String id) {
        auth.realm().requireViewRealm();
        PasswordAppEntity app = find(id);
        List<VersionSummary> versions = store.versions(app, SharedCredentialEntity.SHARED).stream()
                .map(c -> new VersionSummary(c.getVersion(), c.getState(), c.getUsername(), c.getCreatedAt())).toList();
        return new RotationStatus(RotationPolicy.fromJson(app.getRotation()), app.getNextRotationAt(), app.getLastRotationAt(),
                app.getLastRotationResult(), store.credential(app, SharedCredentialEntity.WEBHOOK, SharedCredentialEntity.CURRENT).isPresent(),
                versions);
    }

    /** The app's rollover policy; the first scheduled rotation is {@code nextRotationAt}, or one period from now. */
    @PUT
    @Path("apps/{id}/rotation")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setRotation(@PathParam("id") String id, RotationInput input) {
        auth.realm().requireManageRealm();
        PasswordAppEntity app = find(id);
        if (input == null || input.policy() == null) {
            throw ErrorResponse.error("A rotation needs a policy (rotator, period, generator).", Response.Status.BAD_REQUEST);
        }
        RotationPolicy policy;
        try {
            policy = RotationPolicy.validated(input.policy(), session.getKeycloakSessionFactory().getProviderFactoriesStream(PasswordRotator.class)
                    .map(f -> f.getId()).collect(Collectors.toSet()), "form".equals(app.getInjection()) && !app.isGatewayOnly());
        } catch (IllegalArgumentException e) {
            throw ErrorResponse.error(e.getMessage(), Response.Status.BAD_REQUEST);
        }
        String originProblem = WebhookRotatorFactory.originProblem(session, policy, app.getLoginUrl());
        if (originProblem != null) {
            throw ErrorResponse.error(originProblem, Response.Status.BAD_REQUEST);
        }
        if (SendTargets.webhookChanged(RotationPolicy.fromJson(app.getRotation()), policy)) {
            sendTargetsChanged("webhook", "Changing where the app's password is sent (the webhook)");
        }
        app.setRotation(policy.toJson());
        app.setNextRotationAt(policy.periodDays() == null ? null
                : input.nextRotationAt() != null ? input.nextRotationAt() : System.currentTimeMillis() + policy.periodMillis());
        store.flush();
        adminEvent.operation(OperationType.UPDATE).resourcePath(session.getContext().getUri())
                .representation(Map.of("app", app.getName(), "rotation", policy)).success();
        return Response.noContent().build();
    }

    /** The secret the webhook rotator presents to the app's password-change endpoint; write-only, sealed like passwords. */
    @PUT
    @Path("apps/{id}/webhook-secret")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setWebhookSecret(@PathParam("id") String id, SecretInput input) {
        auth.realm().requireManageRealm();
        if (input == null || input.secret() == null || input.secret().length() < 16) {
            throw ErrorResponse.error("The webhook secret must be at least 16 characters.", Response.Status.BAD_REQUEST);
        }
        PasswordAppEntity app = find(id);
        sendTargetsChanged("webhookSecret", "Changing the webhook secret");
        return storeCredential(app, SharedCredentialEntity.WEBHOOK, new CredentialInput("webhook", input.secret()), null);
    }

    /**
     * Rotates now. With the manual rotator the admin sends the new password (already set at the app); other rotators
     * generate one by the app's policy and change it at the app. The new version is served only once confirmed.
     */
    @POST
    @Path("apps/{id}/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(@PathParam("id") String id, RotateInput input) {
        auth.realm().requireManageRealm();
        PasswordAppEntity app = find(id);
        String password = input == null || input.password() == null || input.password().isEmpty() ? null : input.password();
        if (password != null && password.length() > MAX_PASSWORD) {
            throw ErrorResponse.error("The password is longer than " + MAX_PASSWORD + " characters.", Response.Status.BAD_REQUEST);
        }
        // A rotation sends the current password to the rotator's endpoint: as much proof as a reveal.
        sendTargetsChanged("rotateNow", "Rotating now");
        // The rotation commits its own steps; flush nothing of this request's unit of work in between.
        RotationService.Result result = withKeys(() -> new RotationService(session.getKeycloakSessionFactory()).rotate(realm.getId(), app.getId(), password));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("app", app.getName());
        event.put("trigger", "admin");
        event.put("rotator", result.rotator());
        event.put("version", result.version());
        event.put("message", result.message());
        if (!result.rotated()) {
            adminEvent.getEvent().setError("rotation_failed");
        }
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri()).representation(event).success();
        Response.Status status = result.rotated() ? Response.Status.OK : result.version() == 0 ? Response.Status.CONFLICT : Response.Status.BAD_GATEWAY;
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(result).build();
    }

    /**
     * After the key source got a new current key (the old one kept as previous): re-wraps every data key of the realm
     * under it, so the previous key can then be removed. Secrets themselves are not re-encrypted.
     */
    @POST
    @Path("keys/rewrap")
    @Produces(MediaType.APPLICATION_JSON)
    public Rewrapped rewrap() {
        auth.realm().requireManageRealm();
        SealedCredentials sealed = new SealedCredentials(session, realm);
        String keyId = withKeys(sealed::currentKeyId);
        int count = 0;
        for (List<SharedCredentialEntity> batch = store.sealedNotUnder(keyId, 500); !batch.isEmpty(); batch = store.sealedNotUnder(keyId, 500)) {
            for (SharedCredentialEntity credential : batch) {
                withKeys(() -> sealed.rewrap(credential));
                count++;
            }
            store.flush();
        }
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                .representation(Map.of("rewrapped", count, "keyId", keyId)).success();
        return new Rewrapped(keyId, count);
    }

    /**
     * What sends the password somewhere, or changes where (login URL, injection and fields, gateway client, webhook and
     * its secret, rotate now), needs the reveal's fresh sign-in: a stale session could otherwise point it at its own
     * host and receive the password unaudited. The admin event says what changed and that the sign-in was fresh.
     */
    private void sendTargetsChanged(String targets, String what) {
        long age = requireFreshSignIn(what);
        adminEvent.detail("sendTargets", targets).detail("freshSignInSeconds", String.valueOf(age));
    }

    /** @return how many seconds ago the admin signed in, at most the reveal's limit */
    private long requireFreshSignIn(String what) {
        long age = Time.currentTime() - lastAuthentication();
        if (age > revealMaxAgeSeconds) {
            throw ErrorResponse.error(what + " needs a fresh sign-in: sign in again (within the last "
                    + revealMaxAgeSeconds + " seconds) and retry.", Response.Status.FORBIDDEN);
        }
        return age;
    }

    /**
     * When the admin last proved who they are: a person's sign-in time ({@code auth_time}); for a service account
     * (client credentials), which proves its secret at every token, the token's issue time.
     */
    private long lastAuthentication() {
        AccessToken token = auth.adminAuth().getToken();
        if (token.getAuth_time() != null) {
            return token.getAuth_time();
        }
        // Keycloak's admin console gets lightweight access tokens, without auth_time: its session has the time of the
        // last sign-in that was not single sign-on (a prompt=login re-authentication renews it).
        UserSessionModel adminSession = token.getSessionId() == null ? null
                : session.sessions().getUserSession(auth.adminAuth().getRealm(), token.getSessionId());
        String noted = adminSession == null ? null : adminSession.getNote(AuthenticationManager.AUTH_TIME);
        if (noted != null) {
            return Long.parseLong(noted);
        }
        // A password grant's session has no such note: it started when the password was proved, and a session's start
        // is never later than its last sign-in.
        if (adminSession != null) {
            return adminSession.getStarted();
        }
        boolean serviceAccount = auth.adminAuth().getUser() != null && auth.adminAuth().getUser().getServiceAccountClientLink() != null;
        return serviceAccount && token.getIat() != null ? token.getIat() : 0;
    }

    private Response storeCredential(PasswordAppEntity app, String owner, CredentialInput input, String userId) {
        if (input == null || input.username() == null || input.username().isBlank() || input.password() == null || input.password().isEmpty()) {
            throw ErrorResponse.error("A shared credential needs a username and a password.", Response.Status.BAD_REQUEST);
        }
        if (input.password().length() > MAX_PASSWORD || input.username().length() > 255) {
            throw ErrorResponse.error("The password is longer than " + MAX_PASSWORD + " characters, or the username than 255.",
                    Response.Status.BAD_REQUEST);
        }
        SharedCredentialEntity credential = withKeys(() -> new SealedCredentials(session, realm).seal(app, owner, input.username().trim(),
                input.password(), store.nextVersion(app, owner), SharedCredentialEntity.PENDING));
        try {
            store.persist(credential);
            new CredentialHistory(store).makeCurrent(app, credential, CredentialHistory.DEFAULT_KEEP);
        } catch (PersistenceException e) {
            throw ErrorResponse.error("The credential was changed at the same moment by someone else; retry.", Response.Status.CONFLICT);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("app", app.getName());
        event.put("username", credential.getUsername());
        event.put("version", credential.getVersion());
        if (userId != null) {
            event.put("user", userId);
        }
        adminEvent.operation(OperationType.UPDATE).resourcePath(session.getContext().getUri()).representation(event).success();
        return Response.noContent().build();
    }

    private <T> T withKeys(Supplier<T> action) {
        try {
            return action.get();
        } catch (VaultKeyException e) {
            LOG.warnf("Vault of realm %s: %s", realm.getName(), e.getMessage());
            throw ErrorResponse.error(e.getMessage(), Response.Status.INTERNAL_SERVER_ERROR);
        }
    }

    private PasswordAppEntity find(String id) {
        return store.app(id).orElseThrow(() -> new NotFoundException("No password app " + id + " in this realm."));
    }

    private UserModel findUser(String userId) {
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        if (user == null) {
            throw new NotFoundException("No user " + userId + " in this realm.");
        }
        return user;
    }

    private GroupModel findGroup(String groupId) {
        GroupModel group = groupId == null ? null : session.groups().getGroupById(realm, groupId);
        if (group == null) {
            throw new NotFoundException("No group " + groupId + " in this realm.");
        }
        return group;
    }

    private static String path(GroupModel group) {
        return group.getParent() == null ? "/" + group.getName() : path(group.getParent()) + "/" + group.getName();
    }

    private AppRepresentation toRepresentation(PasswordAppEntity app) {
        return toRepresentation(app, store.credential(app, SharedCredentialEntity.SHARED, SharedCredentialEntity.CURRENT));
    }

    private static AppRepresentation toRepresentation(PasswordAppEntity app, Optional<SharedCredentialEntity> current) {
        CredentialSummary credential = current.map(c -> new CredentialSummary(c.getUsername(), c.getVersion(), c.getCreatedAt())).orElse(null);
        return new AppRepresentation(app.getId(), app.getName(), app.getLoginUrl(), app.getInjection(), app.getUsernameField(),
                app.getPasswordField(), app.getDescription(), app.getGatewayClientId(), app.getRequiredLoa(), app.isGatewayOnly(), credential);
    }
}
