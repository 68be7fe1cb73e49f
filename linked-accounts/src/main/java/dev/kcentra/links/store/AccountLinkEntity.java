package dev.kcentra.links.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One account of a link group: a master enrollment (no master) or an account linked to a master. The account is
 * unique per realm, so an account is a master or linked, never both, and linked to one master only; a linked row
 * points at a master row, which never becomes a linked row, so there are no chains.
 */
@Entity
@Table(name = "KCENTRA_ACCOUNT_LINK")
@NamedQueries({
        @NamedQuery(name = "kcentraLinkByAccount", query = "select l from AccountLinkEntity l where l.realmId = :realmId and l.account = :account"),
        @NamedQuery(name = "kcentraLinksOfMaster", query = "select l from AccountLinkEntity l where l.masterId = :masterId order by l.linkedAt, l.id"),
        @NamedQuery(name = "kcentraLinksDeleteOfMaster", query = "delete from AccountLinkEntity l where l.masterId = :masterId"),
        @NamedQuery(name = "kcentraLinksDeleteLinkedOfRealm", query = "delete from AccountLinkEntity l where l.realmId = :realmId and l.masterId is not null"),
        @NamedQuery(name = "kcentraLinksDeleteOfRealm", query = "delete from AccountLinkEntity l where l.realmId = :realmId")
})
public class AccountLinkEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** {@link LinkedAccount#key()}: which account of which store. */
    @Column(name = "ACCOUNT", length = 512, nullable = false)
    private String account;

    /** The Keycloak user, for a local or federated account. */
    @Column(name = "USER_ID", length = 36)
    private String userId;

    /** For an identity-provider account without a Keycloak user: its name at the provider when it was linked. */
    @Column(name = "ACCOUNT_NAME", length = 255)
    private String accountName;

    /** The master's row; null for the master itself. */
    @Column(name = "MASTER_ID", length = 36)
    private String masterId;

    @Column(name = "ALLOW_AUTH", nullable = false)
    private boolean allowAuthentication;

    @Column(name = "LINKED_AT", nullable = false)
    private long linkedAt;

    /** How the account was proved: {@code password}, {@code idp:<alias>} or {@code admin}. */
    @Column(name = "LINKED_BY", length = 255, nullable = false)
    private String linkedBy;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getAccount() { return account; }
    public void setAccount(String account) { this.account = account; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getAccountName() { return accountName; }
    public void setAccountName(String accountName) { this.accountName = accountName; }
    public String getMasterId() { return masterId; }
    public void setMasterId(String masterId) { this.masterId = masterId; }
    public boolean isAllowAuthentication() { return allowAuthentication; }
    public void setAllowAuthentication(boolean allowAuthentication) { this.allowAuthentication = allowAuthentication; }
    public long getLinkedAt() { return linkedAt; }
    public void setLinkedAt(long linkedAt) { this.linkedAt = linkedAt; }
    public String getLinkedBy() { return linkedBy; }
    public void setLinkedBy(String linkedBy) { this.linkedBy = linkedBy; }

    public boolean isMaster() {
        return masterId == null;
    }
}
