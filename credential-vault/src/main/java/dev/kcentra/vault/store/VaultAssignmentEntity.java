package dev.kcentra.vault.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An app assigned to a group: its members, and the members of its subgroups, may launch the app. */
@Entity
@Table(name = "KCENTRA_VAULT_ASSIGNMENT")
@NamedQueries({
        @NamedQuery(name = "kcentraVaultAssignmentsOfApp", query = "select g from VaultAssignmentEntity g where g.appId = :appId"),
        @NamedQuery(name = "kcentraVaultAssignedGroups", query = "select g.groupId from VaultAssignmentEntity g where g.appId = :appId"),
        @NamedQuery(name = "kcentraVaultAssignmentsDeleteOfGroup", query = "delete from VaultAssignmentEntity g where g.groupId = :groupId"),
        @NamedQuery(name = "kcentraVaultAssignmentsDeleteOfRealm", query = "delete from VaultAssignmentEntity g where g.realmId = :realmId")
})
public class VaultAssignmentEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "APP_ID", length = 36, nullable = false)
    private String appId;

    @Column(name = "GROUP_ID", length = 36, nullable = false)
    private String groupId;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getAppId() { return appId; }
    public void setAppId(String appId) { this.appId = appId; }
    public String getGroupId() { return groupId; }
    public void setGroupId(String groupId) { this.groupId = groupId; }
}
