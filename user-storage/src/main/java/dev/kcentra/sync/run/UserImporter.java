package dev.kcentra.sync.run;

import dev.kcentra.common.audit.SystemAdminEvent;
import dev.kcentra.sync.EntraSyncConfig;
import dev.kcentra.sync.SyncedUserAttributes;
import dev.kcentra.sync.graph.DirectoryUser;
import dev.kcentra.sync.phone.MobileNumber;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.support.EntityManagers;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.storage.UserStoragePrivateUtil;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies directory users to Keycloak's local user store within one transaction: finds the Keycloak user by Entra
 * object id (never by name or email), creates or updates it, and keeps its link to the Entra identity provider. With
 * {@code apply} false (dry run) it only reports what it would do.
 */
final class UserImporter {

    private static final Logger LOG = Logger.getLogger(UserImporter.class);

    enum Outcome { ADDED, UPDATED, UNCHANGED, OUT_OF_SCOPE, FAILED }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String componentId;
    private final EntraSyncConfig config;
    private final boolean apply;
    private final UserProvider local;
    private final EntraSyncResult result;
    private Optional<IdentityProviderModel> identityProvider;
    private SyncedUserIndex index;
    private boolean checkCollisions = true;

    UserImporter(KeycloakSession session, RealmModel realm, String componentId, EntraSyncConfig config, boolean apply,
                 EntraSyncResult result, SyncedUserIndex index) {
        this(session, realm, componentId, config, apply, result);
        this.index = index;
    }

    UserImporter(KeycloakSession session, RealmModel realm, String componentId, EntraSyncConfig config, boolean apply,
                 EntraSyncResult result) {
        this.session = session;
        this.realm = realm;
        this.componentId = componentId;
        this.config = config;
        this.apply = apply;
        this.local = UserStoragePrivateUtil.userLocalStorage(session);
        this.result = result;
    }

    /** Off: create users without looking up their username and email first (see {@link SyncRun}). */
    void checkCollisions(boolean check) {
        this.checkCollisions = check;
    }

    Optional<UserModel> findByObjectId(String objectId) {
        if (index != null) {
            String userId = index.userId(objectId);
            return userId == null ? Optional.empty() : Optional.ofNullable(local.getUserById(realm, userId));
        }
        return local.searchForUserByUserAttributeStream(realm, SyncedUserAttributes.OBJECT_ID, objectId)
                .filter(u -> componentId.equals(u.getFederationLink()))
                .filter(u -> config.tenantId().equalsIgnoreCase(u.getFirstAttribute(SyncedUserAttributes.TENANT_ID)))
                .findFirst();
    }

    /** A present (not removed) directory user: create, update, or report it out of scope. */
    Outcome upsert(DirectoryUser entra) {
        if (entra.isGuest() && !config.includeGuests()) {
            return Outcome.OUT_OF_SCOPE;
        }
        Optional<UserModel> existing = findByObjectId(entra.id());
        return existing.isPresent() ? update(existing.get(), entra) : create(entra);
    }

    private Outcome create(DirectoryUser entra) {
        String username = username(entra);
        if (username == null) {
            result.increaseFailed();
            result.note("User " + entra.id() + " has no " + config.usernameAttribute() + " to use as username.");
            return Outcome.FAILED;
        }
        UserModel taken = checkCollisions ? local.getUserByUsername(realm, username) : null;
        if (taken != null) {
            result.addCollision("Username " + username + " (Entra " + entra.id() + ") belongs to a Keycloak user that is not synced from this tenant; left as it is.");
            return Outcome.FAILED;
        }
        String email = normalizedEmail(entra.mail());
        UserModel emailHolder = checkCollisions && email != null && !realm.isDuplicateEmailsAllowed() ? local.getUserByEmail(realm, email) : null;
        if (emailHolder != null && !takeEmailFrom(emailHolder, email, entra.id())) {
            result.addCollision("Email " + email + " (Entra " + entra.id() + ") belongs to another Keycloak user; left as it is.");
            return Outcome.FAILED;
        }
        if (!apply) {
            return Outcome.ADDED;
        }
        UserModel user = local.addUser(realm, username);
        if (index != null) {
            index.put(entra.id(), user.getId());
        }
        user.setFederationLink(componentId);
        user.setSingleAttribute(SyncedUserAttributes.OBJECT_ID, entra.id());
        user.setSingleAttribute(SyncedUserAttributes.TENANT_ID, config.tenantId());
        user.setSingleAttribute(SyncedUserAttributes.SYNCED_AT, String.valueOf(System.currentTimeMillis()));
        user.setEmail(email);
        user.setEmailVerified(email != null);
        user.setFirstName(entra.givenName());
        user.setLastName(entra.surname());
        setOptional(user, SyncedUserAttributes.MOBILE_PHONE, mobilePhone(entra));
        setOptional(user, SyncedUserAttributes.USER_TYPE, guestFlag(entra));
        setOptional(user, SyncedUserAttributes.IMMUTABLE_ID, entra.onPremisesImmutableId());
        user.setEnabled(!Boolean.FALSE.equals(entra.accountEnabled()));
        identityProvider().ifPresent(idp -> local.addFederatedIdentity(realm, user,
                new FederatedIdentityModel(idp.getAlias(), linkKey(entra.id()), entra.userPrincipalName())));
        return Outcome.ADDED;
    }

    private Outcome update(UserModel user, DirectoryUser entra) {
        boolean changed = false;
        String username = username(entra);
        if (username != null && !username.equals(user.getUsername())) {
            UserModel holder = local.getUserByUsername(realm, username);
            if (holder != null && !holder.getId().equals(user.getId())) {
                result.addCollision("Entra renamed " + user.getUsername() + " to " + username + ", which another Keycloak user has; kept the old username.");
            } else {
                changed = true;
                if (apply) {
                    user.setUsername(username);
                }
            }
        }
        String email = normalizedEmail(entra.mail());
        if (!Objects.equals(email, user.getEmail())) {
            UserModel holder = email == null || realm.isDuplicateEmailsAllowed() ? null : local.getUserByEmail(realm, email);
            if (holder != null && !holder.getId().equals(user.getId()) && !takeEmailFrom(holder, email, entra.id())) {
                result.addCollision("Email " + email + " (Entra " + entra.id() + ") belongs to another Keycloak user; kept " + user.getEmail() + ".");
            } else {
                changed = true;
                if (apply) {
                    // A mail cleared in Entra clears the email and with it the verified flag.
                    user.setEmail(email);
                    user.setEmailVerified(email != null);
                }
            }
        }
        changed |= setIfDifferent(user.getFirstName(), entra.givenName(), user::setFirstName);
        changed |= setIfDifferent(user.getLastName(), entra.surname(), user::setLastName);
        changed |= setAttributeIfDifferent(user, SyncedUserAttributes.MOBILE_PHONE, mobilePhone(entra));
        changed |= setAttributeIfDifferent(user, SyncedUserAttributes.USER_TYPE, guestFlag(entra));
        changed |= setAttributeIfDifferent(user, SyncedUserAttributes.IMMUTABLE_ID, entra.onPremisesImmutableId());
        if (user.getFirstAttribute(SyncedUserAttributes.REMOVED_AT) != null) {
            changed = true;
            if (apply) {
                user.removeAttribute(SyncedUserAttributes.REMOVED_AT);
                if (entra.accountEnabled() == null) {
                    user.setEnabled(true);
                }
            }
        }
        if (entra.accountEnabled() != null && entra.accountEnabled() != user.isEnabled()) {
            changed = true;
            if (apply) {
                if (entra.accountEnabled()) {
                    user.setEnabled(true);
                } else {
                    disable(user);
                }
            }
        }
        if (apply && entra.userPrincipalName() != null) {
            link(user, entra.userPrincipalName());
        }
        if (changed && apply) {
            user.setSingleAttribute(SyncedUserAttributes.SYNCED_AT, String.valueOf(System.currentTimeMillis()));
        }
        return changed ? Outcome.UPDATED : Outcome.UNCHANGED;
    }

    /**
     * An address Entra gives its user, held by a local user who never verified it (typed into the account console,
     * say), goes to the Entra user: the holder's email is cleared and an admin event says so. A verified address, or
     * one of a user from another federation provider, stays where it is. True when the address is free now.
     */
    private boolean takeEmailFrom(UserModel holder, String email, String objectId) {
        if (holder.getFederationLink() != null || holder.isEmailVerified()) {
            return false;
        }
        if (apply) {
            holder.setEmail(null);
            holder.setEmailVerified(false);
            // Hibernate would insert or update the Entra user before this update and hit the unique email.
            EntityManagers.flush(session, false);
            SystemAdminEvent.send(session, realm, ResourceType.USER, "users/" + holder.getId(),
                    Map.of("email", email, "entraObjectId", objectId), null,
                    Map.of("id", holder.getId(), "username", holder.getUsername(), "removedEmail", email,
                            "reason", "unverified address of the Entra user " + objectId));
            LOG.infof("Took the unverified email %s from local user %s for Entra user %s", email, holder.getUsername(), objectId);
        }
        result.note("Email " + email + " was taken from the local user " + holder.getUsername() + ", who had not verified it, for Entra user " + objectId + ".");
        return true;
    }

    /** Disables the user and ends its sessions; true when the user was enabled. */
    boolean disable(UserModel user) {
        if (!user.isEnabled()) {
            return false;
        }
        if (apply) {
            user.setEnabled(false);
            session.sessions().removeUserSessions(realm, user);
            session.sessions().getOfflineUserSessionsStream(realm, user).toList()
                    .forEach(s -> session.sessions().removeOfflineUserSession(realm, s));
            LOG.debugf("Disabled Entra user %s and ended its sessions", user.getUsername());
        }
        return true;
    }

    /**
     * The link that lets the user's first Microsoft sign-in land on this user: keyed {@code tid:oid}, like the
     * Entra identity provider keys the users it brokers.
     */
    private void link(UserModel user, String userPrincipalName) {
        IdentityProviderModel idp = identityProvider().orElse(null);
        if (idp == null) {
            return;
        }
        String key = linkKey(user.getFirstAttribute(SyncedUserAttributes.OBJECT_ID));
        FederatedIdentityModel existing = local.getFederatedIdentity(realm, user, idp.getAlias());
        if (existing == null) {
            local.addFederatedIdentity(realm, user, new FederatedIdentityModel(idp.getAlias(), key, userPrincipalName));
        } else if (!key.equals(existing.getUserId()) || !Objects.equals(userPrincipalName, existing.getUserName())) {
            local.updateFederatedIdentity(realm, user, new FederatedIdentityModel(idp.getAlias(), key, userPrincipalName));
        }
    }

    /** Only guests carry the attribute: one row less per member, and members are the vast majority. */
    private static String guestFlag(DirectoryUser entra) {
        return entra.isGuest() ? "Guest" : null;
    }

    private String linkKey(String objectId) {
        return config.tenantId().toLowerCase(Locale.ROOT) + ":" + objectId.toLowerCase(Locale.ROOT);
    }

    /** Looked up once per importer (one transaction), not once per user. */
    private Optional<IdentityProviderModel> identityProvider() {
        if (identityProvider == null) {
            identityProvider = Optional.ofNullable(session.identityProviders().getByAlias(config.identityProviderAlias()));
        }
        return identityProvider;
    }

    private String username(DirectoryUser entra) {
        String value = config.usesMail() ? entra.mail() : entra.userPrincipalName();
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    private static String normalizedEmail(String mail) {
        return mail == null || mail.isBlank() ? null : mail.trim().toLowerCase(Locale.ROOT);
    }

    private boolean setIfDifferent(String current, String value, java.util.function.Consumer<String> setter) {
        if (Objects.equals(current, value)) {
            return false;
        }
        if (apply) {
            setter.accept(value);
        }
        return true;
    }

    private boolean setAttributeIfDifferent(UserModel user, String name, String value) {
        if (Objects.equals(user.getFirstAttribute(name), value)) {
            return false;
        }
        if (apply) {
            setOptional(user, name, value);
        }
        return true;
    }

    private static void setOptional(UserModel user, String name, String value) {
        if (value == null || value.isBlank()) {
            user.removeAttribute(name);
        } else {
            user.setSingleAttribute(name, value);
        }
    }

    /** In E.164, so that the identifier page finds the user by it; kept as Entra has it when it is not a valid number. */
    private String mobilePhone(DirectoryUser entra) {
        String raw = entra.mobilePhone();
        return raw == null ? null : MobileNumber.toE164(raw, config.phoneRegion()).orElse(raw);
    }
}
