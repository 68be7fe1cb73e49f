package dev.kcentra.sync;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.representations.userprofile.config.UPGroup;
import org.keycloak.userprofile.UserProfileProvider;

import dev.kcentra.sync.sso.SsoFlagValidator;
import dev.kcentra.sync.sso.TenantEmailValidator;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Declares the synced attributes in the realm's user profile, grouped under "Entra ID", so admins see them in the
 * admin console and admin REST. Entra owns them: admins may view, not edit (the mobile phone excepted, which local
 * users may also have). Users never edit them: a declaration that exists already (imported with the realm, or made
 * by an admin) loses the users' edit permission. The email attribute gets the check that keeps the tenant's
 * addresses for its synced users ({@link TenantEmailValidator}).
 */
final class SyncedUserProfile {

    static final String GROUP = "entra";
    private static final Set<String> ADMIN = Set.of("admin");

    private SyncedUserProfile() {
    }

    /** Declares and tightens in the realm of the session's context; saves the profile only when something changed. */
    static void install(KeycloakSession session) {
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        UPConfig config = profiles.getConfiguration();
        boolean changed = false;
        if (config.getGroups().stream().noneMatch(g -> GROUP.equals(g.getName()))) {
            UPGroup group = new UPGroup(GROUP);
            group.setDisplayHeader("Entra ID");
            group.setDisplayDescription("Read from Microsoft Entra ID by Entra ID Sync.");
            config.addGroup(group);
            changed = true;
        }
        changed |= add(config, SyncedUserAttributes.OBJECT_ID, "Entra object ID", readOnly());
        changed |= add(config, SyncedUserAttributes.TENANT_ID, "Entra tenant ID", readOnly());
        changed |= add(config, SyncedUserAttributes.USER_TYPE, "Entra guest (userType Guest)", readOnly());
        changed |= add(config, SyncedUserAttributes.IMMUTABLE_ID, "On-premises immutable ID", readOnly());
        changed |= add(config, SyncedUserAttributes.SYNCED_AT, "Last changed by Entra ID Sync (epoch ms)", readOnly());
        changed |= add(config, SyncedUserAttributes.REMOVED_AT, "Deleted in Entra at (epoch seconds)", readOnly());
        changed |= addSsoFlag(config);
        changed |= add(config, SyncedUserAttributes.MOBILE_PHONE, "Mobile phone", new UPAttributePermissions(Set.of("admin", "user"), ADMIN));
        for (String name : List.of(SyncedUserAttributes.OBJECT_ID, SyncedUserAttributes.TENANT_ID, SyncedUserAttributes.USER_TYPE,
                SyncedUserAttributes.IMMUTABLE_ID, SyncedUserAttributes.SYNCED_AT, SyncedUserAttributes.REMOVED_AT,
                SyncedUserAttributes.SSO, SyncedUserAttributes.MOBILE_PHONE)) {
            changed |= notUserEditable(config.getAttribute(name));
        }
        UPAttribute email = config.getAttribute(UserModel.EMAIL);
        if (email != null && (email.getValidations() == null || !email.getValidations().containsKey(TenantEmailValidator.PROVIDER_ID))) {
            email.addValidation(TenantEmailValidator.PROVIDER_ID, Map.of());
            changed = true;
        }
        if (changed) {
            profiles.setConfiguration(config);
        }
    }

    /** Admin-editable; the validator refuses it for users the connection did not sync. */
    private static boolean addSsoFlag(UPConfig config) {
        if (config.getAttribute(SyncedUserAttributes.SSO) != null) {
            return false;
        }
        UPAttribute attribute = new UPAttribute(SyncedUserAttributes.SSO, new UPAttributePermissions(ADMIN, ADMIN));
        attribute.setDisplayName("Sign in with Microsoft (SSO)");
        attribute.setGroup(GROUP);
        attribute.addValidation("options", Map.of("options", List.of("true", "false")));
        attribute.addValidation(SsoFlagValidator.PROVIDER_ID, Map.of());
        attribute.setAnnotations(Map.of("inputType", "select", "inputOptionsFromValidation", "options"));
        config.addOrReplaceAttribute(attribute);
        return true;
    }

    /** Takes the users' edit permission away; true when it had one. */
    private static boolean notUserEditable(UPAttribute attribute) {
        UPAttributePermissions permissions = attribute == null ? null : attribute.getPermissions();
        if (permissions == null || permissions.getEdit() == null || !permissions.getEdit().contains("user")) {
            return false;
        }
        Set<String> edit = new HashSet<>(permissions.getEdit());
        edit.remove("user");
        permissions.setEdit(edit);
        return true;
    }

    private static UPAttributePermissions readOnly() {
        return new UPAttributePermissions(ADMIN, Set.of());
    }

    private static boolean add(UPConfig config, String name, String displayName, UPAttributePermissions permissions) {
        if (config.getAttribute(name) != null) {
            return false;
        }
        UPAttribute attribute = new UPAttribute(name, permissions);
        attribute.setDisplayName(displayName);
        attribute.setGroup(name.equals(SyncedUserAttributes.MOBILE_PHONE) ? null : GROUP);
        config.addOrReplaceAttribute(attribute);
        return true;
    }
}
