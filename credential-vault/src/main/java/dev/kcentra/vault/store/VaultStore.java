package dev.kcentra.vault.store;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The vault's rows of one realm: every query scoped to it, so an id from another realm finds nothing. */
public final class VaultStore {

    private final EntityManager em;
    private final RealmModel realm;

    public VaultStore(KeycloakSession session, RealmModel realm) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realm = realm;
    }

    public RealmModel realm() {
        return realm;
    }

    public List<PasswordAppEntity> apps() {
        return em.createNamedQuery("kcentraVaultAppsOfRealm", PasswordAppEntity.class).setParameter("realmId", realm.getId()).getResultList();
    }

    public Optional<PasswordAppEntity> app(String id) {
        PasswordAppEntity app = id == null ? null : em.find(PasswordAppEntity.class, id);
        return app != null && realm.getId().equals(app.getRealmId()) ? Optional.of(app) : Optional.empty();
    }

    public boolean nameTaken(String name, String exceptId) {
        return em.createNamedQuery("kcentraVaultAppByName", PasswordAppEntity.class).setParameter("realmId", realm.getId())
                .setParameter("name", name).getResultStream().anyMatch(app -> !app.getId().equals(exceptId));
    }

    public PasswordAppEntity create(PasswordAppEntity app) {
        app.setId(KeycloakModelUtils.generateId());
        app.setRealmId(realm.getId());
        em.persist(app);
        em.flush();
        return app;
    }

    public void delete(PasswordAppEntity app) {
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
        return em.createNamedQuery("kcentraVaultAppsOfGroups", PasswordAppEntity.class).setParameter("groupIds", groupIds).getResultStream()
                .filter(app -> realm.getId().equals(app.getRealmId())).toList();
    }

    public List<VaultAssignmentEntity> assignments(PasswordAppEntity app) {
        return em.createNamedQuery("kcentraVaultAssignmentsOfApp", VaultAssignmentEntity.class).setParameter("appId", app.getId()).getResultList();
    }

    public Set<String> assignedGroupIds(PasswordAppEntity app) {
        return assignedGroupIds(app.getId());
    }

    /** One small indexed query with a single parameter, so Hibernate reuses its translation: it runs at every launch. */
    public Set<String> assignedGroupIds(String appId) {
        return Set.copyOf(em.createNamedQuery("kcentraVaultAssignedGroups", String.class).setParameter("appId", appId).getResultList());
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
        em.persist(assignment);
        em.flush();
        return true;
    }

    /** @return false if the group was not assigned */
    public boolean unassign(PasswordAppEntity app, String groupId) {
        List<VaultAssignmentEntity> matching = assignments(app).stream().filter(a -> a.getGroupId().equals(groupId)).toList();
        matching.forEach(em::remove);
        em.flush();
        return !matching.isEmpty();
    }

    public Optional<SharedCredentialEntity> credential(PasswordAppEntity app, String owner, String state) {
        return em.createNamedQuery("kcentraVaultCredentialInState", SharedCredentialEntity.class).setParameter("appId", app.getId())
                .setParameter("owner", owner).setParameter("state", state).setMaxResults(1).getResultStream().findFirst();
    }

    /** Every app's credential of {@code owner} in {@code state}, by app id, in one query (the admin's app list). */
    public Map<String, SharedCredentialEntity> credentialsByApp(String owner, String state) {
        Map<String, SharedCredentialEntity> byApp = new HashMap<>();
        em.createNamedQuery("kcentraVaultCredentialsOfRealmInState", SharedCredentialEntity.class).setParameter("realmId", realm.getId())
                .setParameter("owner", owner).setParameter("state", state).getResultStream()
                .forEach(c -> byApp.merge(c.getAppId(), c, (a, b) -> a.getVersion() >= b.getVersion() ? a : b));
        return byApp;
    }

    /** An app and the groups it is assigned to, read together: the first step of every launch. */
    public record AssignedApp(PasswordAppEntity app, Set<String> groupIds) {
    }

    public Optional<AssignedApp> appWithGroups(String appId) {
        if (appId == null) {
            return Optional.empty();
        }
        List<Object[]> rows = em.createNamedQuery("kcentraVaultAppWithGroups", Object[].class).setParameter("appId", appId).getResultList();
        if (rows.isEmpty() || !realm.getId().equals(((PasswordAppEntity) rows.get(0)[0]).getRealmId())) {
            return Optional.empty();
        }
        return Optional.of(new AssignedApp((PasswordAppEntity) rows.get(0)[0],
                rows.stream().map(row -> (String) row[1]).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet())));
    }

    /** A credential and the app's groups, read together: the second step of every launch (empty: no credential). */
    public record ServedCredential(SharedCredentialEntity credential, Set<String> groupIds) {
    }

    public Optional<ServedCredential> servedWithGroups(String appId, String userId) {
        List<Object[]> rows = em.createNamedQuery("kcentraVaultCredentialServedWithGroups", Object[].class).setParameter("appId", appId)
                .setParameter("userId", userId).getResultList();
        Set<String> groups = rows.stream().map(row -> (String) row[1]).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
        List<SharedCredentialEntity> current = rows.stream().map(row -> (SharedCredentialEntity) row[0]).distinct().toList();
        return pick(current, userId).map(credential -> new ServedCredential(credential, groups));
    }

    /** The credential a user is served: their own where they have one, else the app's shared one. */
    private Optional<SharedCredentialEntity> pick(List<SharedCredentialEntity> current, String userId) {
        return current.stream().filter(c -> c.getOwner().equals(userId)).findFirst()
                .or(() -> current.stream().filter(c -> c.getOwner().equals(SharedCredentialEntity.SHARED)).findFirst())
                .filter(c -> realm.getId().equals(c.getRealmId()));
    }

    /** Every version of one owner's secret for the app, newest first. */
    public List<SharedCredentialEntity> versions(PasswordAppEntity app, String owner) {
        return em.createNamedQuery("kcentraVaultCredentialVersions", SharedCredentialEntity.class).setParameter("appId", app.getId())
                .setParameter("owner", owner).getResultList();
    }

    public int nextVersion(PasswordAppEntity app, String owner) {
        return em.createNamedQuery("kcentraVaultCredentialVersions", SharedCredentialEntity.class).setParameter("appId", app.getId())
                .setParameter("owner", owner).setMaxResults(1).getResultStream().findFirst().map(c -> c.getVersion() + 1).orElse(1);
    }

    /** Rows of the realm not sealed under the given key: what a key rotation still has to re-wrap. */
    public List<SharedCredentialEntity> sealedNotUnder(String kekId, int max) {
        return em.createNamedQuery("kcentraVaultCredentialsNotUnder", SharedCredentialEntity.class).setParameter("realmId", realm.getId())
                .setParameter("kekId", kekId).setMaxResults(max).getResultList();
    }

    public void persist(Object entity) {
        em.persist(entity);
    }

    public void remove(Object entity) {
        em.remove(entity);
    }

    public void flush() {
        em.flush();
    }
}
