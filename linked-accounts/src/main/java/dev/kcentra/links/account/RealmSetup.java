package dev.kcentra.links.account;

import dev.kcentra.links.signin.LinkedAccountRefusalActionFactory;
import org.keycloak.Config;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;

/**
 * What every realm but the admin realm gets for linked accounts, as Keycloak gives every realm its account console:
 * the page's sign-in client, the "Link an account" action (registered and enabled, never a default action) and the
 * refusal of linked accounts as a required action (enabled, first of all actions: see
 * {@link dev.kcentra.links.signin.LinkedAccountRefusalAction}).
 */
final class RealmSetup {

    private RealmSetup() {
    }

    static void ensure(RealmModel realm) {
        if (Config.getAdminRealm().equals(realm.getName())) {
            return;
        }
        LinkedAccountsPage.CLIENT.ensure(realm);
        register(realm, LinkAccountActionFactory.PROVIDER_ID, "Link an account", 1000);
        // Before any other action (say, "Update password" after a reset): a linked account is refused first.
        register(realm, LinkedAccountRefusalActionFactory.PROVIDER_ID, "Linked accounts: refuse linked accounts", -1000);
    }

    private static void register(RealmModel realm, String providerId, String name, int priority) {
        if (realm.getRequiredActionProviderByAlias(providerId) == null) {
            RequiredActionProviderModel action = new RequiredActionProviderModel();
            action.setAlias(providerId);
            action.setProviderId(providerId);
            action.setName(name);
            action.setEnabled(true);
            action.setDefaultAction(false);
            action.setPriority(priority);
            realm.addRequiredActionProvider(action);
        }
    }
}
