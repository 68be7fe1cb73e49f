package dev.kcentra.vault.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One version of a secret the vault keeps for an app: the username in clear, the password only sealed (Base64 of the
 * wrapped data key and of the ciphertext) under the realm key-encryption key {@code kekId}. {@code owner} says whose:
 * {@link #SHARED} for the app's shared credential, a user id for that user's own credential, {@link #WEBHOOK} for the
 * secret the rotation webhook presents. {@code state}: {@link #PENDING} while a rotation waits for the app's
 * confirmation, {@link #CURRENT} the one served, {@link #RETIRED} kept up to the app's retention limit.
 */
@Entity
@Table(name = "KCENTRA_VAULT_CREDENTIAL")
@NamedQueries({
        @NamedQuery(name = "kcentraVaultCredentialVersions",
                query = "select c from SharedCredentialEntity c where c.appId = :appId and c.owner = :owner order by c.version desc"),
        @NamedQuery(name = "kcentraVaultCredentialInState",
                query = "select c from SharedCredentialEntity c where c.appId = :appId and c.owner = :owner and c.state = :state order by c.version desc"),
        @NamedQuery(name = "kcentraVaultCredentialsOfRealmInState",
                query = "select c from SharedCredentialEntity c where c.realmId = :realmId and c.owner = :owner and c.state = :state"),
        @NamedQuery(name = "kcentraVaultCurrentCredentialsOfApp",
                query = "select c from SharedCredentialEntity c where c.appId = :appId and c.state = 'current'"),
        @NamedQuery(name = "kcentraVaultCredentialsOfApp", query = "select c from SharedCredentialEntity c where c.appId = :appId"),
        @NamedQuery(name = "kcentraVaultCredentialsNotUnder",
                query = "select c from SharedCredentialEntity c where c.realmId = :realmId and c.kekId <> :kekId"),
        @NamedQuery(name = "kcentraVaultCredentialsDeleteOfOwner", query = "delete from SharedCredentialEntity c where c.owner = :owner"),
        @NamedQuery(name = "kcentraVaultCredentialsDeleteOfRealm", query = "delete from SharedCredentialEntity c where c.realmId = :realmId")
})
public class SharedCredentialEntity {

    public static final String SHARED = "*";
    public static final String WEBHOOK = "#webhook";
    public static final String PENDING = "pending";
    public static final String CURRENT = "current";
    public static final String RETIRED = "retired";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "APP_ID", length = 36, nullable = false)
    private String appId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "OWNER", length = 36, nullable = false)
    private String owner = SHARED;

    @Column(name = "STATE", length = 16, nullable = false)
    private String state = CURRENT;

    @Column(name = "VERSION", nullable = false)
    private int version;

    @Column(name = "USERNAME", nullable = false)
    private String username;

    @Column(name = "KEK_ID", nullable = false)
    private String kekId;

    @Column(name = "WRAPPED_KEY", length = 255, nullable = false)
    private String wrappedKey;

    @Column(name = "CIPHERTEXT", length = 4000, nullable = false)
    private String ciphertext;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getAppId() { return appId; }
    public void setAppId(String appId) { this.appId = appId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getKekId() { return kekId; }
    public void setKekId(String kekId) { this.kekId = kekId; }
    public String getWrappedKey() { return wrappedKey; }
    public void setWrappedKey(String wrappedKey) { this.wrappedKey = wrappedKey; }
    public String getCiphertext() { return ciphertext; }
    public void setCiphertext(String ciphertext) { this.ciphertext = ciphertext; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
}
