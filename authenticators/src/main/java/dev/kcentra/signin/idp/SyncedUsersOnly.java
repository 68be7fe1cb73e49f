package dev.kcentra.signin.idp;

import dev.kcentra.sync.EntraSyncConfig;
import dev.kcentra.sync.SyncedUsers;
import dev.kcentra.sync.sso.SsoPolicy;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.Optional;

/**
 * With a realm Entra ID connection and its "Microsoft sign-in for synced users only" on (the default), an Entra
 * identity signs in (or is linked) only when the connection synced a user for it, by {@code tid:oid}. Anyone else
 * the provider admits — a tenant user outside the scope groups, a guest the connection excludes, another tenant —
 * would otherwise get a new Keycloak user from first broker login, with none of the sync's scope rules.
 */
final class SyncedUsersOnly {

    /** Login theme message of the refusal page. */
    static final String MESSAGE = "kcentraEntraNotSyncedMessage";
    /** Error of the {@code IDENTITY_PROVIDER_LOGIN} event. */
    static final String ERROR = "kcentra_entra_not_synced";

    private SyncedUsersOnly() {
    }

    /** Why the identity is refused, for the log and the event; empty when it may go on. */
    static Optional<String> refusal(KeycloakSession session, RealmModel realm, EntraUserKey key) {
        Optional<ComponentModel> connection = SsoPolicy.connectionOf(realm);
        if (connection.isEmpty()) {
            return Optional.empty();
        }
        EntraSyncConfig config = EntraSyncConfig.from(connection.get());
        if (!config.signInSyncedUsersOnly()) {
            return Optional.empty();
        }
        if (config.tenantId() == null || !config.tenantId().equalsIgnoreCase(key.tenantId())) {
            return Optional.of("tenant " + key.tenantId() + " is not the tenant the realm's Entra ID connection syncs");
        }
        if (SyncedUsers.byObjectId(session, realm, connection.get().getId(), config.tenantId(), key.objectId()).isEmpty()) {
            return Optional.of("Entra user " + key.value() + " is not synced by the realm's Entra ID connection "
                    + "(outside its scope groups, a guest it excludes, or not synced yet)");
        }
        return Optional.empty();
    }
}
