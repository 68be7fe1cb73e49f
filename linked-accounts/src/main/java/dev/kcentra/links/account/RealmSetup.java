package dev.kcentra.links.account;

import org.keycloak.Config;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;

/**
 * What every realm but the admin realm gets for linked accounts, as Keycloak gives every realm its account console:
 * the page's sign-in client and the "Link an account" action (registered and enabled, never a default action).
 */
final class RealmSetup {

    private RealmSetup() {
    }

    static void ensure(RealmModel realm) {
        if (Config.getAdminRealm().equals(realm.getName())) {
            return;
        }
        LinkedAccountsPage.CLIENT.ensure(realm);
        if (realm.getRequiredActionProviderByAlias(LinkAccountActionFactory.PROVIDER_ID) == null) {
            RequiredActionProviderModel action = new RequiredActionProviderModel();
            action.setAlias(LinkAccountActionFactory.PROVIDER_ID);
            action.setProviderId(LinkAccountActionFactory.PROVIDER_ID);
            action.setName("Link an account");
            action.setEnabled(true);
            action.setDefaultAction(false);
            action.setPriority(1000);
            realm.addRequiredActionProvider(action);
        }
    }
}
