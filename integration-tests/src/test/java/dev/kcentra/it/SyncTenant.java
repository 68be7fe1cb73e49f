package dev.kcentra.it;

import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.standin.StandInOptions;
import dev.kcentra.standin.seed.EntraUser;
import dev.kcentra.testsupport.EntraSyncConnection;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.SynchronizationResultRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sync tests' world: a fresh stand-in tenant (ten users, two per page) on ports 8280/8281, which the
 * {@code entra-sync} realm's identity provider points at, and the admin calls an admin makes on its Entra ID connection.
 */
final class SyncTenant implements AutoCloseable {

    static final String TENANT = "5ca1ab1e-0000-4000-8000-000000000001";
    static final String SYNC_APP = "5ca1ab1e-0000-4000-8000-a00000000001";
    static final String SECRET = "sync-secret";
    static final String REALM_JSON = "/sync/entra-sync-realm.json";

    final EntraStandIn entra;
    private final ManagedRealm realm;
    private String componentId;

    SyncTenant(ManagedRealm realm) {
        this(realm, UnaryOperator.identity());
    }

    /** @param seedEdit changes the seed file's text before the stand-in reads it */
    SyncTenant(ManagedRealm realm, UnaryOperator<String> seedEdit) {
        this.realm = realm;
        this.entra = EntraStandIn.start(new StandInOptions(seedFile(seedEdit.apply(resource("/sync/sync-seed.json"))), 8280, 8281));
    }

    EntraSyncConnection secretConnection() {
        return EntraSyncConnection.withSecret(TENANT, SYNC_APP, SECRET, entra.loginBaseUrl(), entra.graphBaseUrl());
    }

    String connect(EntraSyncConnection connection) {
        try (Response response = realm.admin().components().add(connection.representation(realm.getId()))) {
            assertEquals(201, response.getStatus(), () -> response.readEntity(String.class));
            componentId = CreatedResponseUtil.getCreatedId(response);
            return componentId;
        }
    }

    String componentId() {
        return componentId;
    }

    void updateConnection(String key, String value) {
        ComponentRepresentation component = realm.admin().components().component(componentId).toRepresentation();
        component.getConfig().putSingle(key, value);
        realm.admin().components().component(componentId).update(component);
    }

    SynchronizationResultRepresentation fullSync() {
        return realm.admin().userStorage().syncUsers(componentId, "triggerFullSync");
    }

    SynchronizationResultRepresentation changedSync() {
        return realm.admin().userStorage().syncUsers(componentId, "triggerChangedUsersSync");
    }

    UserRepresentation user(String username) {
        List<UserRepresentation> found = realm.admin().users().searchByUsername(username, true);
        assertEquals(1, found.size(), () -> "expected one user " + username + ", found " + found.size());
        return found.get(0);
    }

    /** Removing the connection also removes the users it imported. */
    @Override
    public void close() {
        if (componentId != null) {
            realm.admin().components().component(componentId).remove();
        }
        entra.close();
    }

    static String resource(String name) {
        try (InputStream in = SyncTenant.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same Entra user under a new UPN and mail, as after a rename in Entra. */
    static EntraUser renamed(EntraUser user, String upn, String mail) {
        return new EntraUser(user.id(), upn, mail, user.mobilePhone(), user.displayName(), user.givenName(), user.surname(),
                user.accountEnabled(), user.userType(), user.onPremisesImmutableId(), user.password());
    }

    static Path seedFile(String json) {
        try {
            Path file = Files.createTempFile("sync-seed", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
