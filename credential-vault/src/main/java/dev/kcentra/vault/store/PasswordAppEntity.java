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
}
