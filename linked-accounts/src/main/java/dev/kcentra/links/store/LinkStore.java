package dev.kcentra.links.store;

import jakarta.persistence.EntityManager;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;
import java.util.Optional;

/** The link rows of one realm. */
public final class LinkStore {

    private final EntityManager em;
    private final String realmId;

    public LinkStore(KeycloakSession session, RealmModel realm) {
        this(session, realm.getId());
    }

    public LinkStore(KeycloakSession session, String realmId) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realmId = realmId;
    }

    /** The account's row: its enrollment as a master, or its link to one. */
    public Optional<AccountLinkEntity> find(LinkedAccount account) {
        return em.createNamedQuery("kcentraLinkByAccount", AccountLinkEntity.class)
                .setParameter("realmId", realmId).setParameter("account", account.key())
                .getResultStream().findFirst();
    }

    public Optional<AccountLinkEntity> byId(String id) {
        AccountLinkEntity row = id == null ? null : em.find(AccountLinkEntity.class, id);
        return Optional.ofNullable(row).filter(r -> r.getRealmId().equals(realmId));
    }

    /** The master the account is linked to, if it is a linked account. */
    public Optional<AccountLinkEntity> masterOf(LinkedAccount account) {
        return find(account).filter(row -> !row.isMaster()).flatMap(row -> byId(row.getMasterId()));
    }

    public List<AccountLinkEntity> linksOf(AccountLinkEntity master) {
        return em.createNamedQuery("kcentraLinksOfMaster", AccountLinkEntity.class).setParameter("masterId", master.getId()).getResultList();
    }

    /** The accounts linked to {@code master} whose "Allow Authentication" is on; none if it is not a master. */
    public List<AccountLinkEntity> authenticatingLinksOf(LinkedAccount master) {
        return find(master).filter(AccountLinkEntity::isMaster).map(this::linksOf).orElse(List.of()).stream()
                .filter(AccountLinkEntity::isAllowAuthentication).toList();
    }

    /** Writes a row and flushes, so that a racing link of the same account fails here and not at commit. */
    public AccountLinkEntity insert(LinkedAccount account, AccountLinkEntity master, String linkedBy) {
        AccountLinkEntity row = new AccountLinkEntity();
        row.setId(KeycloakModelUtils.generateId());
        row.setRealmId(realmId);
        row.setAccount(account.key());
        row.setUserId(account.userId());
        row.setAccountName(account.name());
        row.setMasterId(master == null ? null : master.getId());
        row.setLinkedAt(Time.currentTimeMillis());
        row.setLinkedBy(linkedBy);
        em.persist(row);
        em.flush();
        return row;
    }

    public void delete(AccountLinkEntity row) {
        em.remove(row);
        em.flush();
    }

    /** A removed user takes its links with it: a master its whole group, a linked account its own link. */
    public void removeAccount(LinkedAccount account) {
        find(account).ifPresent(row -> {
            if (row.isMaster()) {
                em.createNamedQuery("kcentraLinksDeleteOfMaster").setParameter("masterId", row.getId()).executeUpdate();
            }
            em.remove(row);
        });
    }

    public void removeRealm() {
        em.createNamedQuery("kcentraLinksDeleteLinkedOfRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("kcentraLinksDeleteOfRealm").setParameter("realmId", realmId).executeUpdate();
    }
}
