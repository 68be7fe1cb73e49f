package dev.kcentra.vault.rotation;

import dev.kcentra.common.audit.SystemAdminEvent;
import dev.kcentra.vault.store.PasswordAppEntity;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

import java.util.List;
import java.util.Map;

/**
 * Every node looks for apps whose rotation is due; a node rotates an app only after claiming it by moving its due time
 * in one conditional update, so on a cluster each due rotation runs once. Apps whose rotator needs an admin's password
 * are not rotated but reported (admin event, status) until an admin does it.
 */
public final class RotationScheduler implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(RotationScheduler.class);
    private static final int BATCH = 100;

    private final KeycloakSessionFactory factory;

    public RotationScheduler(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public String getTaskName() {
        return "kcentra-vault-rotation";
    }

    @Override
    public void run(KeycloakSession session) {
        long now = System.currentTimeMillis();
        List<String> due = em(session).createNamedQuery("kcentraVaultAppsDueForRotation", String.class).setParameter("now", now)
                .setMaxResults(BATCH).getResultList();
        for (String appId : due) {
            try {
                rotateIfClaimed(appId, now);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Vault: scheduled rotation of app %s failed", appId);
            }
        }
    }

    private void rotateIfClaimed(String appId, long now) {
        record Claim(String realmId, boolean adminEntersPassword) {
        }
        Claim claim = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            PasswordAppEntity app = em(session).find(PasswordAppEntity.class, appId);
            if (app == null || app.getNextRotationAt() == null || app.getNextRotationAt() > now) {
                return null;
            }
            RotationPolicy policy = RotationService.policyOf(app);
            long next = policy.periodDays() == null ? Long.MAX_VALUE : now + policy.periodMillis();
            int claimed = em(session).createNamedQuery("kcentraVaultAppClaimRotation").setParameter("id", appId)
                    .setParameter("due", app.getNextRotationAt()).setParameter("next", next).executeUpdate();
            if (claimed != 1) {
                return null;
            }
            PasswordRotatorFactory rotator = (PasswordRotatorFactory) session.getKeycloakSessionFactory()
                    .getProviderFactory(PasswordRotator.class, policy.rotator());
            return new Claim(app.getRealmId(), rotator != null && rotator.adminEntersPassword());
        });
        if (claim == null) {
            return;
        }
        if (claim.adminEntersPassword()) {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                PasswordAppEntity app = em(session).find(PasswordAppEntity.class, appId);
                app.setLastRotationResult("due: an admin has to enter the new password");
                RealmModel realm = session.realms().getRealm(claim.realmId());
                SystemAdminEvent.send(session, realm, ResourceType.CUSTOM, "kcentra-vault/apps/" + appId + "/rotate", null,
                        "rotation_due_admin_password_required", Map.of("app", app.getName(), "trigger", "schedule"));
            });
            return;
        }
        RotationService.Result result = new RotationService(factory).rotate(claim.realmId(), appId, null);
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            RealmModel realm = session.realms().getRealm(claim.realmId());
            PasswordAppEntity app = em(session).find(PasswordAppEntity.class, appId);
            SystemAdminEvent.send(session, realm, ResourceType.CUSTOM, "kcentra-vault/apps/" + appId + "/rotate", null,
                    result.rotated() ? null : "rotation_failed", Map.of("app", app.getName(), "trigger", "schedule", "rotator", result.rotator(), "version", result.version(),
                            "message", result.message()));
        });
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
