package dev.kcentra.vault.admin;

import dev.kcentra.vault.crypto.EnvelopeCipher;
import dev.kcentra.vault.crypto.KeyEncryptionKey;
import dev.kcentra.vault.crypto.SealedSecret;
import dev.kcentra.vault.crypto.VaultKeyException;
import dev.kcentra.vault.store.PasswordAppEntity;
import dev.kcentra.vault.store.SharedCredentialEntity;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Admin REST of the vault: password apps and their shared credential. The password is write-only: no answer
 * carries it, nor does any admin event or log line. Reading needs view-realm, changing manage-realm.
 */
public class VaultAdminResource {

    private static final Logger LOG = Logger.getLogger(VaultAdminResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final VaultKeys keys;
    private final EnvelopeCipher cipher = new EnvelopeCipher();

    VaultAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent, VaultKeys keys) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.CUSTOM);
        this.keys = keys;
    }

    public record AppRepresentation(String id, String name, String loginUrl, String injection, String usernameField,
                                    String passwordField, String description, CredentialSummary credential) {
    }

    public record CredentialSummary(String username, int version, long createdAt) {
    }

    public record CredentialInput(String username, String password) {
    }

    @GET
    @Path("apps")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AppRepresentation> apps() {
        auth.realm().requireViewRealm();
        return em().createNamedQuery("kcentraVaultAppsOfRealm", PasswordAppEntity.class).setParameter("realmId", realm.getId())
                .getResultStream().map(this::toRepresentation).toList();
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
        AppSettings settings = AppSettings.validate(app);
        boolean taken = !em().createNamedQuery("kcentraVaultAppByName", PasswordAppEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("name", settings.name()).getResultList().isEmpty();
        if (taken) {
            throw ErrorResponse.error("A password app named '" + settings.name() + "' exists already.", Response.Status.CONFLICT);
        }
        PasswordAppEntity entity = new PasswordAppEntity();
        entity.setId(KeycloakModelUtils.generateId());
        entity.setRealmId(realm.getId());
        settings.applyTo(entity);
        em().persist(entity);
        em().flush();
        adminEvent.operation(OperationType.CREATE).resourcePath(session.getContext().getUri(), entity.getId())
                .representation(toRepresentation(entity)).success();
        return Response.created(URI.create(session.getContext().getUri().getAbsolutePath() + "/" + entity.getId())).build();
    }

    /** Stores a new version of the app's shared credential, sealed under the realm's key-encryption key. */
    @PUT
    @Path("apps/{id}/credential")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setCredential(@PathParam("id") String id, CredentialInput input) {
        auth.realm().requireManageRealm();
        PasswordAppEntity app = find(id);
        if (input == null || input.username() == null || input.username().isBlank() || input.password() == null || input.password().isEmpty()) {
            throw ErrorResponse.error("A shared credential needs a username and a password.", Response.Status.BAD_REQUEST);
        }
        if (input.password().length() > 1024) {
            throw ErrorResponse.error("The password is longer than 1024 characters.", Response.Status.BAD_REQUEST);
        }
        KeyEncryptionKey kek;
        try {
            kek = keys.forRealm(realm);
        } catch (VaultKeyException e) {
            LOG.warnf("Vault of realm %s: %s", realm.getName(), e.getMessage());
            throw ErrorResponse.error(e.getMessage(), Response.Status.INTERNAL_SERVER_ERROR);
        }
        int version = latest(app).map(c -> c.getVersion() + 1).orElse(1);
        SharedCredentialEntity credential = new SharedCredentialEntity();
        credential.setId(KeycloakModelUtils.generateId());
        SealedSecret sealed = cipher.seal(kek, realm.getId(), credential.getId(), input.password().getBytes(StandardCharsets.UTF_8));
        credential.setAppId(app.getId());
        credential.setRealmId(realm.getId());
        credential.setVersion(version);
        credential.setUsername(input.username().trim());
        credential.setKekId(sealed.kekId());
        credential.setWrappedKey(Base64.getEncoder().encodeToString(sealed.wrappedDataKey()));
        credential.setCiphertext(Base64.getEncoder().encodeToString(sealed.ciphertext()));
        credential.setCreatedAt(System.currentTimeMillis());
        em().persist(credential);
        em().flush();
        adminEvent.operation(OperationType.UPDATE).resourcePath(session.getContext().getUri())
                .representation(Map.of("app", app.getName(), "username", credential.getUsername(), "version", version)).success();
        return Response.noContent().build();
    }

    private PasswordAppEntity find(String id) {
        PasswordAppEntity app = id == null ? null : em().find(PasswordAppEntity.class, id);
        if (app == null || !realm.getId().equals(app.getRealmId())) {
            throw new NotFoundException("No password app " + id + " in this realm.");
        }
        return app;
    }

    private Optional<SharedCredentialEntity> latest(PasswordAppEntity app) {
        return em().createNamedQuery("kcentraVaultCredentialVersions", SharedCredentialEntity.class)
                .setParameter("appId", app.getId()).setMaxResults(1).getResultStream().findFirst();
    }

    private AppRepresentation toRepresentation(PasswordAppEntity app) {
        CredentialSummary credential = latest(app).map(c -> new CredentialSummary(c.getUsername(), c.getVersion(), c.getCreatedAt())).orElse(null);
        return new AppRepresentation(app.getId(), app.getName(), app.getLoginUrl(), app.getInjection(), app.getUsernameField(),
                app.getPasswordField(), app.getDescription(), credential);
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
