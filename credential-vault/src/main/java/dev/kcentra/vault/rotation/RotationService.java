package dev.kcentra.vault.rotation;

import dev.kcentra.vault.store.CredentialHistory;
import dev.kcentra.vault.store.PasswordAppEntity;
import dev.kcentra.vault.store.SealedCredentials;
import dev.kcentra.vault.store.SharedCredentialEntity;
import dev.kcentra.vault.store.VaultStore;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * One rollover of an app's shared password, in three steps so that no outcome loses a password: (1) the new version
 * is sealed and committed as {@code pending}; (2) the rotator changes it at the app, outside any transaction; (3) a
 * confirmed change makes it current (the old one retired, the oldest beyond the app's limit destroyed), a failed one
 * destroys the pending version and the old one stays in service.
 */
public final class RotationService {

    private static final Logger LOG = Logger.getLogger(RotationService.class);
    private static final long RETRY_AFTER_FAILURE_MILLIS = 3_600_000L;

    public record Result(boolean rotated, int version, String rotator, String message) {
    }

    private record Prepared(String pendingId, int version, PasswordRotator.Change change, Result refusal) {
    }

    private final KeycloakSessionFactory factory;

    public RotationService(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    /** @param adminPassword the new password an admin entered, or null to generate one by the app's policy */
    public Result rotate(String realmId, String appId, String adminPassword) {
        Prepared prepared = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> prepare(session, realmId, appId, adminPassword));
        if (prepared.refusal() != null) {
            return prepared.refusal();
        }
        String rotatorId = prepared.change().policy().rotator();
        PasswordRotator.Outcome outcome = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            PasswordRotator rotator = session.getProvider(PasswordRotator.class, rotatorId);
            return rotator == null ? PasswordRotator.Outcome.failed("rotator '" + rotatorId + "' is not installed") : rotator.change(prepared.change());
        });
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> finish(session, realmId, appId, prepared, outcome));
    }

    private Prepared prepare(KeycloakSession session, String realmId, String appId, String adminPassword) {
        RealmModel realm = session.realms().getRealm(realmId);
        VaultStore store = new VaultStore(session, realm);
        PasswordAppEntity app = store.app(appId).orElse(null);
        if (app == null) {
            return refused("manual", "no such app");
        }
        RotationPolicy policy = policyOf(app);
        PasswordRotatorFactory rotatorFactory = (PasswordRotatorFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(PasswordRotator.class, policy.rotator());
        if (rotatorFactory == null) {
            return refused(policy.rotator(), "rotator '" + policy.rotator() + "' is not installed");
        }
        if (rotatorFactory.adminEntersPassword() && adminPassword == null) {
            return refused(policy.rotator(), "the " + policy.rotator() + " rotator needs the new password, entered by an admin");
        }
        SharedCredentialEntity current = store.credential(app, SharedCredentialEntity.SHARED, SharedCredentialEntity.CURRENT).orElse(null);
        if (current == null) {
            return refused(policy.rotator(), "the app has no shared credential to rotate");
        }
        SealedCredentials sealed = new SealedCredentials(session, realm);
        String secret = store.credential(app, SharedCredentialEntity.WEBHOOK, SharedCredentialEntity.CURRENT).map(sealed::open).orElse(null);
        String next = adminPassword != null ? adminPassword : new PasswordGenerator().generate(policy);
        SharedCredentialEntity pending = sealed.seal(app, SharedCredentialEntity.SHARED, current.getUsername(), next,
                store.nextVersion(app, SharedCredentialEntity.SHARED), SharedCredentialEntity.PENDING);
        store.persist(pending);
        store.flush();
        return new Prepared(pending.getId(), pending.getVersion(),
                new PasswordRotator.Change(app.getName(), app.getLoginUrl(), current.getUsername(), sealed.open(current), next, policy, secret), null);
    }

    private Result finish(KeycloakSession session, String realmId, String appId, Prepared prepared, PasswordRotator.Outcome outcome) {
        RealmModel realm = session.realms().getRealm(realmId);
        VaultStore store = new VaultStore(session, realm);
        PasswordAppEntity app = store.app(appId).orElseThrow();
        SharedCredentialEntity pending = store.versions(app, SharedCredentialEntity.SHARED).stream()
                .filter(c -> c.getId().equals(prepared.pendingId())).findFirst().orElseThrow();
        RotationPolicy policy = prepared.change().policy();
        long now = System.currentTimeMillis();
        app.setLastRotationAt(now);
        Result result;
        if (outcome.confirmed()) {
            new CredentialHistory(store).makeCurrent(app, pending, policy.keepVersions());
            app.setLastRotationResult("rotated to version " + prepared.version() + " (" + outcome.message() + ")");
            if (policy.periodDays() != null) {
                app.setNextRotationAt(now + policy.periodMillis());
            }
            result = new Result(true, prepared.version(), policy.rotator(), outcome.message());
        } else {
            store.remove(pending);
            app.setLastRotationResult("failed, old version kept: " + outcome.message());
            if (policy.periodDays() != null) {
                app.setNextRotationAt(now + Math.min(RETRY_AFTER_FAILURE_MILLIS, policy.periodMillis()));
            }
            LOG.warnf("Vault of realm %s: rotation of app %s failed, old version kept: %s", realm.getName(), app.getName(), outcome.message());
            result = new Result(false, prepared.version() - 1, policy.rotator(), outcome.message());
        }
        store.flush();
        return result;
    }

    static RotationPolicy policyOf(PasswordAppEntity app) {
        RotationPolicy stored = RotationPolicy.fromJson(app.getRotation());
        return stored != null ? stored : new RotationPolicy(null, ManualRotatorFactory.PROVIDER_ID, RotationPolicy.DEFAULT_LENGTH,
                true, true, true, false, RotationPolicy.DEFAULT_KEEP, null);
    }

    private static Prepared refused(String rotator, String message) {
        return new Prepared(null, 0, null, new Result(false, 0, rotator, message));
    }
}
