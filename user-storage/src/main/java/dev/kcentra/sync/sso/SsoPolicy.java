package dev.kcentra.sync.sso;

import dev.kcentra.sync.EntraSyncConfig;
import dev.kcentra.sync.EntraSyncProviderFactory;
import dev.kcentra.sync.SyncedUserAttributes;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.UserStorageProvider;

import java.util.Optional;

/**
 * Whether a user signs in with Microsoft: only users synced by the realm's Entra ID connection, only when that
 * connection has "Enable SSO" on, and then either all of them ("Enable for all synced users") or those whose own
 * {@code entra.sso} flag is true. Everyone else keeps password sign-in.
 */
public final class SsoPolicy {

    private SsoPolicy() {
    }

    /** The decision for one user. {@code identityProviderAlias} is set when the user goes to Microsoft. */
    public record Decision(boolean sso, String identityProviderAlias, Reason reason) {
    }

    public enum Reason { NOT_SYNCED, SSO_OFF, ALL_SYNCED, USER_FLAG, USER_FLAG_OFF, ENTRA_DOMAIN, UNKNOWN }

    public static Decision decide(RealmModel realm, UserModel user) {
        return connectionOf(realm, user).map(connection -> decide(connection, user))
                .orElseGet(() -> new Decision(false, null, Reason.NOT_SYNCED));
    }

    /** The decision for a user known to be synced by {@code connection}. */
    public static Decision decide(ComponentModel connection, UserModel user) {
        EntraSyncConfig config = EntraSyncConfig.from(connection);
        if (!config.ssoEnabled()) {
            return new Decision(false, null, Reason.SSO_OFF);
        }
        if (config.ssoForAllSynced()) {
            return new Decision(true, config.identityProviderAlias(), Reason.ALL_SYNCED);
        }
        boolean flag = Boolean.parseBoolean(user.getFirstAttribute(SyncedUserAttributes.SSO));
        return new Decision(flag, flag ? config.identityProviderAlias() : null, flag ? Reason.USER_FLAG : Reason.USER_FLAG_OFF);
    }

    /**
     * The decision for an identifier that matches no user: Microsoft when it is an email at one of the connection's
     * "Entra domains", so that unknown and SSO identifiers there look alike; the password step otherwise.
     */
    public static Decision decideUnknown(RealmModel realm, String identifier) {
        return connectionOf(realm).map(EntraSyncConfig::from)
                .filter(config -> config.routesDomainToMicrosoft(identifier))
                .map(config -> new Decision(true, config.identityProviderAlias(), Reason.ENTRA_DOMAIN))
                .orElseGet(() -> new Decision(false, null, Reason.UNKNOWN));
    }

    /** The realm's Entra ID connection; a realm has at most one. */
    public static Optional<ComponentModel> connectionOf(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), UserStorageProvider.class.getName())
                .filter(component -> EntraSyncProviderFactory.PROVIDER_ID.equals(component.getProviderId()))
                .findFirst();
    }

    /** The Entra ID connection that synced this user, if any. */
    public static Optional<ComponentModel> connectionOf(RealmModel realm, UserModel user) {
        String link = user == null ? null : user.getFederationLink();
        if (link == null) {
            return Optional.empty();
        }
        ComponentModel component = realm.getComponent(link);
        return component != null && EntraSyncProviderFactory.PROVIDER_ID.equals(component.getProviderId())
                ? Optional.of(component)
                : Optional.empty();
    }
}
