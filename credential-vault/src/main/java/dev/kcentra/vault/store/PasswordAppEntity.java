package dev.kcentra.vault.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A legacy app whose shared password the vault keeps: where it signs in and how the password is handed over. */
@Entity
@Table(name = "KCENTRA_VAULT_APP")
@NamedQueries({
        @NamedQuery(name = "kcentraVaultAppsOfRealm", query = "select a from PasswordAppEntity a where a.realmId = :realmId order by a.name"),
        @NamedQuery(name = "kcentraVaultAppByName", query = "select a from PasswordAppEntity a where a.realmId = :realmId and a.name = :name"),
        @NamedQuery(name = "kcentraVaultAppsOfGroups",
                query = "select distinct a from PasswordAppEntity a, VaultAssignmentEntity g where g.appId = a.id and g.groupId in :groupIds order by a.name"),
        @NamedQuery(name = "kcentraVaultAppWithGroups",
                query = "select a, g.groupId from PasswordAppEntity a left join VaultAssignmentEntity g on g.appId = a.id where a.id = :appId"),
        @NamedQuery(name = "kcentraVaultAppsDueForRotation",
                query = "select a.id from PasswordAppEntity a where a.nextRotationAt is not null and a.nextRotationAt <= :now order by a.nextRotationAt"),
        @NamedQuery(name = "kcentraVaultAppClaimRotation",
                query = "update PasswordAppEntity a set a.nextRotationAt = :next where a.id = :id and a.nextRotationAt = :due"),
        @NamedQuery(name = "kcentraVaultAppsDeleteOfRealm", query = "delete from PasswordAppEntity a where a.realmId = :realmId")
})
public class PasswordAppEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "NAME", nullable = false)
    private String name;

    @Column(name = "LOGIN_URL", length = 2048, nullable = false)
    private String loginUrl;

    @Column(name = "INJECTION", length = 16, nullable = false)
    private String injection;

    @Column(name = "USERNAME_FIELD")
    private String usernameField;

    @Column(name = "PASSWORD_FIELD")
    private String passwordField;

    @Column(name = "DESCRIPTION", length = 1024)
    private String description;

    /** The confidential client that may fetch this app's credential as a gateway, if any. */
    @Column(name = "GATEWAY_CLIENT_ID")
    private String gatewayClientId;

    /** The level of authentication a session needs before a launch, if any. */
    @Column(name = "REQUIRED_LOA")
    private Integer requiredLoa;

    /**
     * Only the gateway hands the credential over: My apps shows a link and refuses a form launch, so no browser ever
     * receives the password.
     */
    @Column(name = "GATEWAY_ONLY", nullable = false)
    private boolean gatewayOnly;

    /** The rollover policy as JSON ({@code RotationPolicy}), if the app rotates. */
    @Column(name = "ROTATION", length = 4000)
    private String rotation;

    @Column(name = "NEXT_ROTATION_AT")
    private Long nextRotationAt;

    @Column(name = "LAST_ROTATION_AT")
    private Long lastRotationAt;

    @Column(name = "LAST_ROTATION_RESULT", length = 1024)
    private String lastRotationResult;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getLoginUrl() { return loginUrl; }
    public void setLoginUrl(String loginUrl) { this.loginUrl = loginUrl; }
    public String getInjection() { return injection; }
    public void setInjection(String injection) { this.injection = injection; }
    public String getUsernameField() { return usernameField; }
    public void setUsernameField(String usernameField) { this.usernameField = usernameField; }
    public String getPasswordField() { return passwordField; }
    public void setPasswordField(String passwordField) { this.passwordField = passwordField; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getGatewayClientId() { return gatewayClientId; }
    public void setGatewayClientId(String gatewayClientId) { this.gatewayClientId = gatewayClientId; }
    public Integer getRequiredLoa() { return requiredLoa; }
    public void setRequiredLoa(Integer requiredLoa) { this.requiredLoa = requiredLoa; }
    public boolean isGatewayOnly() { return gatewayOnly; }
    public void setGatewayOnly(boolean gatewayOnly) { this.gatewayOnly = gatewayOnly; }
    public String getRotation() { return rotation; }
    public void setRotation(String rotation) { this.rotation = rotation; }
    public Long getNextRotationAt() { return nextRotationAt; }
    public void setNextRotationAt(Long nextRotationAt) { this.nextRotationAt = nextRotationAt; }
    public Long getLastRotationAt() { return lastRotationAt; }
    public void setLastRotationAt(Long lastRotationAt) { this.lastRotationAt = lastRotationAt; }
    public String getLastRotationResult() { return lastRotationResult; }
    public void setLastRotationResult(String lastRotationResult) { this.lastRotationResult = lastRotationResult; }
}
