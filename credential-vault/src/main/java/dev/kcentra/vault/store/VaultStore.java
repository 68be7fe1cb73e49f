package dev.kcentra.vault.store;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The vault's rows of one realm: every query scoped to it, so an id from another realm finds nothing. */
public final class VaultStore {

    private final KeycloakSession session;
    private final RealmModel realm;
    private EntityManager em;

    public VaultStore(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Opened on first use: a launch served from {@link LaunchCache} never touches the database. */
    private EntityManager em() {
        if (em == null) {
            em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        }
        return em;
    }

    /** Every write goes through here: the realm's {@link LaunchCache} entries are dropped once it commits. */
    private EntityManager write() {
        LaunchCache.dropAfterCommit(session, realm.getId());
        return em();
    }

    public RealmModel realm() {
        return realm;
    }

    public List<PasswordAppEntity> apps() {
        return em().createNamedQuery("kcentraVaultAppsOfRealm", PasswordAppEntity.class).setParameter("realmId", realm.getId()).getResultList();
    }

    public Optional<PasswordAppEntity> app(String id) {
        PasswordAppEntity app = id == null ? null : em().find(PasswordAppEntity.class, id);
        return app != null && realm.getId().equals(app.getRealmId()) ? Optional.of(app) : Optional.empty();
    }

    public boolean nameTaken(String name, String exceptId) {
        return em().createNamedQuery("kcentraVaultAppByName", PasswordAppEntity.class).setParameter("realmId", realm.getId())
                .setParameter("name", name).getResultStream().anyMatch(app -> !app.getId().equals(exceptId));
    }

    public PasswordAppEntity create(PasswordAppEntity app) {
        app.setId(KeycloakModelUtils.generateId());
        app.setRealmId(realm.getId());
        write().persist(app);
        em().flush();
        return app;
    }

    public void delete(PasswordAppEntity app) {
        EntityManager em = write();
        em.createNamedQuery("kcentraVaultCredentialsOfApp", SharedCredentialEntity.class).setParameter("appId", app.getId())
                .getResultStream().forEach(em::remove);
        assignments(app).forEach(em::remove);
        em.remove(app);
        em.flush();
    }

    /** Apps assigned to any of these groups (the caller adds the ancestors of a user's groups). */
    public List<PasswordAppEntity> appsOfGroups(Collection<String> groupIds) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        return em().createNamedQuery("kcentraVaultAppsOfGroups", PasswordAppEntity.class).setParameter("groupIds", groupIds).getResultStream()
                .filter(app -> realm.getId().equals(app.getRealmId())).toList();
    }

    public List<VaultAssignmentEntity> assignments(PasswordAppEntity app) {
        return em().createNamedQuery("kcentraVaultAssignmentsOfApp", VaultAssignmentEntity.class).setParameter("appId", app.getId()).getResultList();
    }

    public Set<String> assignedGroupIds(PasswordAppEntity app) {
        return Set.copyOf(em().createNamedQuery("kcentraVaultAssignedGroups", String.class).setParameter("appId", app.getId()).getResultList());
    }

    /** @return false if the group was assigned already */
    public boolean assign(PasswordAppEntity app, String groupId) {
        if (assignedGroupIds(app).contains(groupId)) {
            return false;
        }
        VaultAssignmentEntity assignment = new VaultAssignmentEntity();
        assignment.setId(KeycloakModelUtils.generateId());
        assignment.setRealmId(realm.getId());
        assignment.setAppId(app.getId());
        assignment.setGroupId(groupId);
        write().persist(assignment);
        em().flush();
        return true;
    }

    /** @return false if the group was not assigned */
    public boolean unassign(PasswordAppEntity app, String groupId) {
        List<VaultAssignmentEntity> matching = assignments(app).stream().filter(a -> a.getGroupId().equals(groupId)).toList();
        EntityManager em = write();
        matching.forEach(em::remove);
        em.flush();
        return !matching.isEmpty();
    }

    public Optional<SharedCredentialEntity> credential(PasswordAppEntity app, String owner, String state) {
        return credential(app.getId(), owner, state);
    }

    private Optional<SharedCredentialEntity> credential(String appId, String owner, String state) {
        return em().createNamedQuery("kcentraVaultCredentialInState", SharedCredentialEntity.class).setParameter("appId", appId)
                .setParameter("owner", owner).setParameter("state", state).setMaxResults(1).getResultStream().findFirst();
    }

    /** Every app's credential of {@code owner} in {@code state}, by app id, in one query (the admin's app list). */
    public Map<String, SharedCredentialEntity> credentialsByApp(String owner, String state) {
        Map<String, SharedCredentialEntity> byApp = new HashMap<>();
        em().createNamedQuery("kcentraVaultCredentialsOfRealmInState", SharedCredentialEntity.class).setParameter("realmId", realm.getId())
                .setParameter("owner", owner).setParameter("state", state).getResultStream()
                .forEach(c -> byApp.merge(c.getAppId(), c, (a, b) -> a.getVersion() >= b.getVersion() ? a : b));
        return byApp;
    }

    /** What launches and gateway fetches read of an app: from {@link LaunchCache}, else from the database (two queries). */
    public Optional<LaunchApp> launchApp(String appId) {
        return appId == null ? Optional.empty() : LaunchCache.get(realm.getId(), appId, this::readLaunchApp);
    }

    private Optional<LaunchApp> readLaunchApp(String appId) {
        List<Object[]> rows = em().createNamedQuery("kcentraVaultAppWithGroups", Object[].class).setParameter("appId", appId).getResultList();
        if (rows.isEmpty() || !realm.getId().equals(((PasswordAppEntity) rows.get(0)[0]).getRealmId())) {
            return Optional.empty();
        }
        PasswordAppEntity app = (PasswordAppEntity) rows.get(0)[0];
        Set<String> groupIds = rows.stream().map(row -> (String) row[1]).filter(Objects::nonNull).collect(Collectors.toSet());
        SealedCredential shared = null;
        Set<String> owners = new HashSet<>();
        for (SharedCredentialEntity current : em().createNamedQuery("kcentraVaultCurrentCredentialsOfApp", SharedCredentialEntity.class)
                .setParameter("appId", appId).getResultList()) {
            if (SharedCredentialEntity.SHARED.equals(current.getOwner())) {
                shared = shared == null || shared.version() < current.getVersion() ? SealedCredential.of(current) : shared;
            } else if (!SharedCredentialEntity.WEBHOOK.equals(current.getOwner())) {
                owners.add(current.getOwner());
            }
        }
        return Optional.of(new LaunchApp(app.getId(), app.getName(), app.getLoginUrl(), app.getInjection(), app.getUsernameField(),
                app.getPasswordField(), app.getRequiredLoa(), app.getGatewayClientId(), app.isGatewayOnly(), groupIds, shared, owners));
    }

    /** A user's own current credential for the app (apps cache only who has one). */
    public Optional<SealedCredential> ownCredential(String appId, String userId) {
        return credential(appId, userId, SharedCredentialEntity.CURRENT).filter(c -> realm.getId().equals(c.getRealmId()))
                .map(SealedCredential::of);
    }

    /** Every version of one owner's secret for the app, newest first. */
    public List<SharedCredentialEntity> versions(PasswordAppEntity app, String owner) {
        return em().createNamedQuery("kcentraVaultCredentialVersions", SharedCredentialEntity.class).setParameter("appId", app.getId())
                .setParameter("owner", owner).getResultList();
    }

    public int nextVersion(PasswordAppEntity app, String owner) {
        return em().createNamedQuery("kcentraVaultCredentialVersions", SharedCredentialEntity.class).setParameter("appId", app.getId())
                .setParameter("owner", owner).setMaxResults(1).getResultStream().findFirst().map(c -> c.getVersion() + 1).orElse(1);
    }

    /** Rows of the realm not sealed under the given key: what a key rotation still has to re-wrap. */
    public List<SharedCredentialEntity> sealedNotUnder(String kekId, int max) {
        return em().createNamedQuery("kcentraVaultCredentialsNotUnder", SharedCredentialEntity.class).setParameter("realmId", realm.getId())
                .setParameter("kekId", kekId).setMaxResults(max).getResultList();
    }

    public void persist(Object entity) {
        write().persist(entity);
    }

    public void remove(Object entity) {
        write().remove(entity);
    }

    /** Writes changes made to rows read through this store (setters), so every caller that changes a row calls it. */
    public void flush() {
        write().flush();
    }
}
