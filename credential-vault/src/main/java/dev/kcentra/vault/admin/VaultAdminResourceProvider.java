package dev.kcentra.vault.admin;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

public class VaultAdminResourceProvider implements AdminRealmResourceProvider {

    private final int revealMaxAgeSeconds;

    VaultAdminResourceProvider(int revealMaxAgeSeconds) {
        this.revealMaxAgeSeconds = revealMaxAgeSeconds;
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new VaultAdminResource(session, realm, auth, adminEvent, revealMaxAgeSeconds);
    }

    @Override
    public void close() {
    }
}
