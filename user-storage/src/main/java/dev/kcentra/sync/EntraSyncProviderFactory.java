package dev.kcentra.sync;

import dev.kcentra.sync.sso.SsoPasswordVeto;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import dev.kcentra.sync.graph.EntraGraph;
import dev.kcentra.sync.graph.ConnectionSecrets;
import dev.kcentra.sync.graph.GraphTraffic;
import dev.kcentra.sync.graph.GroupDeltaReader;
import dev.kcentra.sync.graph.PemCredentials;
import dev.kcentra.sync.graph.UserDeltaReader;
import dev.kcentra.sync.run.DeltaLinkStore;
import dev.kcentra.sync.run.LastSyncStatus;
import dev.kcentra.sync.run.EntraSyncResult;
import dev.kcentra.sync.run.SyncRun;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.UserStorageProviderFactory;
import org.keycloak.storage.UserStorageProviderModel;
import org.keycloak.storage.user.ImportSynchronization;
import org.keycloak.storage.user.SynchronizationResult;

import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * "Entra ID" under User federation: one connection per realm to a Microsoft Entra tenant, imported through Microsoft
 * Graph. Keycloak's user-storage sync schedules {@link #sync} (full) and {@link #syncSince} (changed users, a Graph
 * delta round) with the periods set on the admin console page, runs each once per cluster, and offers the
 * Synchronize buttons.
 */
public class EntraSyncProviderFactory implements UserStorageProviderFactory<EntraSyncProvider>, ImportSynchronization {

    /** Shown as is by the admin console's User federation page, which capitalises provider ids for their titles. */
    public static final String PROVIDER_ID = "Entra ID";
    private static final Logger LOG = Logger.getLogger(EntraSyncProviderFactory.class);

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(EntraSyncConfig.TENANT_ID).label("Tenant ID")
            .helpText("Directory (tenant) ID of your Microsoft Entra tenant, a GUID.")
            .type(ProviderConfigProperty.STRING_TYPE).required(true).add()
            .property().name(EntraSyncConfig.CLIENT_ID).label("Client ID")
            .helpText("Application (client) ID of the app registration that reads the directory. It needs the Graph "
                    + "application permission User.Read.All (or Directory.Read.All) with admin consent; Domain.Read.All "
                    + "lets Microsoft sign-ins without xms_edov count emails at the tenant's verified domains as verified.")
            .type(ProviderConfigProperty.STRING_TYPE).required(true).add()
            .property().name(EntraSyncConfig.AUTHENTICATION).label("Client authentication")
            .helpText("certificate (recommended by Microsoft): a certificate-signed client assertion. secret: the client secret.")
            .type(ProviderConfigProperty.LIST_TYPE).options(ClientAuthentication.CERTIFICATE.configValue(), ClientAuthentication.SECRET.configValue())
            .defaultValue(ClientAuthentication.CERTIFICATE.configValue()).add()
            .property().name(EntraSyncConfig.CERTIFICATE).label("Certificate (PEM)")
            .helpText("The public certificate uploaded to the app registration, PEM. Used with certificate authentication.")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(EntraSyncConfig.PRIVATE_KEY).label("Private key (PEM, PKCS#8)")
            .helpText("The certificate's private key, unencrypted PKCS#8 PEM, or a ${vault.key} reference. Never shown again after saving.")
            .type(ProviderConfigProperty.PASSWORD).secret(true).add()
            .property().name(EntraSyncConfig.CLIENT_SECRET).label("Client secret")
            .helpText("The client secret value (not its ID), or a ${vault.key} reference. Used with secret authentication. Never shown again after saving.")
            .type(ProviderConfigProperty.PASSWORD).secret(true).add()
            .property().name(EntraSyncConfig.CLOUD).label("Cloud")
            .helpText("global, us-government (GCC High), us-government-dod, china (21Vianet), or custom (set both URLs below).")
            .type(ProviderConfigProperty.LIST_TYPE).options(Arrays.stream(EntraCloud.values()).map(EntraCloud::configValue).toList())
            .defaultValue(EntraCloud.GLOBAL.configValue()).add()
            .property().name(EntraSyncConfig.AUTHORITY_URL).label("Authority URL (custom cloud)")
            .helpText("Login authority base URL, like https://login.microsoftonline.com. Only with cloud 'custom'.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(EntraSyncConfig.GRAPH_URL).label("Graph URL (custom cloud)")
            .helpText("Microsoft Graph base URL, like https://graph.microsoft.com. Only with cloud 'custom'.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(EntraSyncConfig.SCOPE_GROUPS).label("Only members of groups")
            .helpText("Object IDs of Entra groups. Empty: all users. Otherwise only their members (nested groups included) "
                    + "are synced, and synced users who leave them are disabled. Needs GroupMember.Read.All or Group.Read.All.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name(EntraSyncConfig.USERNAME_ATTRIBUTE).label("Username from")
            .helpText("The Graph attribute that becomes the Keycloak username (lowercased).")
            .type(ProviderConfigProperty.LIST_TYPE).options(EntraSyncConfig.USERNAME_ATTRIBUTES).defaultValue("userPrincipalName").add()
            .property().name(EntraSyncConfig.INCLUDE_GUESTS).label("Include guests")
            .helpText("Also sync guest (B2B) users. Off: guests are not imported, and synced users who become guests are disabled.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(EntraSyncConfig.DELETION_POLICY).label("When Entra deletes a user")
            .helpText("disable: disable the Keycloak user and end its sessions. delete-after: disable now, delete after the "
                    + "days below. keep: leave the user. A soft delete (Entra's 'changed') always disables.")
            .type(ProviderConfigProperty.LIST_TYPE).options(Arrays.stream(DeletionPolicy.values()).map(DeletionPolicy::configValue).toList())
            .defaultValue(DeletionPolicy.DISABLE.configValue()).add()
            .property().name(EntraSyncConfig.DELETE_AFTER_DAYS).label("Delete after (days)")
            .helpText("With delete-after: days between Entra's deletion and the Keycloak user's deletion; 0 deletes in the run that sees the deletion.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(EntraSyncConfig.DEFAULT_DELETE_AFTER_DAYS)).add()
            .property().name(EntraSyncConfig.ABORT_THRESHOLD_PERCENT).label("Abort threshold (%)")
            .helpText("A run that would disable or delete more than this share of the synced users disables and deletes "
                    + "nobody, keeps the delta link and says why. 100 turns the check off.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(EntraSyncConfig.DEFAULT_ABORT_THRESHOLD_PERCENT)).add()
            .property().name(EntraSyncConfig.DELTA_LINK_MAX_AGE_DAYS).label("Delta link maximum age (days)")
            .helpText("Microsoft expires a delta link after 7 days. A changed-users sync whose stored link is older than "
                    + "this reads everything again, as a full sync does. 1 to 6.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(EntraSyncConfig.DEFAULT_DELTA_LINK_MAX_AGE_DAYS)).add()
            .property().name(EntraSyncConfig.DRY_RUN).label("Dry run")
            .helpText("Read Entra and report what a sync would do, changing nothing in Keycloak.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(EntraSyncConfig.SSO_ENABLED).label("Enable SSO")
            .helpText("Turns on Microsoft sign-in for synced users of this connection. Who gets it is decided below or per user.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(EntraSyncConfig.SSO_FOR_ALL_SYNCED).label("Enable for all synced users")
            .helpText("Every synced user signs in with Microsoft, without per-user exceptions; their Keycloak password no longer works.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(EntraSyncConfig.SSO_DOMAINS).label("Entra domains routed to Microsoft")
            .helpText("Email domains of your tenant, like contoso.com. With SSO on, an identifier at one of them that "
                    + "matches no Keycloak user goes to Microsoft as SSO users do, so the sign-in page does not tell who "
                    + "has an account. Empty: unknown identifiers always get the password page.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name(EntraSyncConfig.OUTAGE_MESSAGE).label("Outage message")
            .helpText("Optional text added to the page SSO users see when Microsoft does not answer, like where to "
                    + "find the service status or whom to call. Plain text.")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(EntraSyncConfig.IDENTITY_PROVIDER_ALIAS).label("Entra identity provider")
            .helpText("Alias of the realm's Microsoft Entra ID identity provider; synced users are linked to it by object id.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(EntraSyncConfig.DEFAULT_IDENTITY_PROVIDER_ALIAS).add()
            .property().name(EntraSyncConfig.SIGN_IN_SYNCED_USERS_ONLY).label("Microsoft sign-in for synced users only")
            .helpText("On (recommended): only users this connection synced sign in through the realm's Entra identity "
                    + "providers; anyone else (outside the scope groups, an excluded guest, another tenant) is refused and "
                    + "no user is created. Off: Keycloak's first broker login creates a user for them.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(EntraSyncConfig.PHONE_REGION).label("Phone region")
            .helpText("ISO 3166 country code (like US or NL) for Entra mobile numbers written without a country code. "
                    + "Synced mobile numbers are stored in E.164 (+31612345678) so that users can sign in with them.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(EntraSyncConfig.SYNC_GROUPS).label("Sync groups")
            .helpText("Also import Entra security groups (needs Group.Read.All or GroupMember.Read.All) as subgroups of the "
                    + "parent group below; memberships of synced users follow Entra. Nested groups are not flattened.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(EntraSyncConfig.GROUPS_PARENT).label("Parent group")
            .helpText("Top-level Keycloak group that holds the synced groups; created when missing.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(EntraSyncConfig.DEFAULT_GROUPS_PARENT).add()
            .property(lastSyncProperty())
            .build();

    /** Written only by runs (see {@link LastSyncStatus#keepStored}); marked read-only for UIs that honour the flag. */
    private static ProviderConfigProperty lastSyncProperty() {
        ProviderConfigProperty property = new ProviderConfigProperty(EntraSyncConfig.LAST_SYNC, "Last sync",
                "Written by every run (scheduled or from the Synchronize buttons): when it finished, what it did, "
                        + "and the age of the delta link it resumed from. Reload the page to see the latest; edits here are ignored.",
                ProviderConfigProperty.TEXT_TYPE, null);
        property.setReadOnly(true);
        return property;
    }

    @Override
    public EntraSyncProvider create(KeycloakSession session, ComponentModel model) {
        return new EntraSyncProvider(new SsoPasswordVeto(session, model));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Entra ID: imports users from Microsoft Entra ID through Microsoft Graph (full and delta sync).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) throws ComponentValidationException {
        Optional<ComponentModel> other = realm.getComponentsStream(realm.getId(), UserStorageProvider.class.getName())
                .filter(c -> PROVIDER_ID.equals(c.getProviderId()) && !c.getId().equals(model.getId()))
                .findFirst();
        if (other.isPresent()) {
            throw new ComponentValidationException("This realm already has an Entra ID connection ('" + other.get().getName()
                    + "'). A realm has one Entra ID connection; edit that one instead.");
        }
        LastSyncStatus.keepStored(session, realm, model);
        List<String> problems = EntraSyncConfig.problems(model);
        if (!problems.isEmpty()) {
            throw new ComponentValidationException(String.join(" ", problems));
        }
        EntraSyncConfig config = EntraSyncConfig.from(model);
        if (config.authentication() == ClientAuthentication.CERTIFICATE && !ConnectionSecrets.isVaultReference(config.privateKey())) {
            try {
                PemCredentials.parse(config.certificatePem(), config.privateKey());
            } catch (IllegalArgumentException e) {
                throw new ComponentValidationException(e.getMessage());
            }
        }
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        SyncedUserProfile.install(session);
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        SyncedUserProfile.install(session);
    }

    /**
     * A connection imported with its realm (a realm file, {@code --import-realm}, a realm created through admin REST)
     * gets no {@link #onCreate}: its user profile declarations are made when the realm has been created. At start-up,
     * after the database migration, every realm with a connection has them made or tightened.
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                installProfile(created.getKeycloakSession(), created.getCreatedRealm());
            } else if (event instanceof PostMigrationEvent migrated) {
                try {
                    KeycloakModelUtils.runJobInTransaction(migrated.getFactory(), session -> session.realms().getRealmsStream().toList()
                            .forEach(realm -> installProfile(session, realm)));
                } catch (RuntimeException e) {
                    // The server still starts; the declarations are made again when a connection is saved.
                    LOG.errorf(e, "The Entra attributes could not be declared read-only in the realms' user profiles");
                }
            }
        });
    }

    private static void installProfile(KeycloakSession session, RealmModel realm) {
        if (realm.getComponentsStream(realm.getId(), UserStorageProvider.class.getName()).noneMatch(c -> PROVIDER_ID.equals(c.getProviderId()))) {
            return;
        }
        RealmModel before = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            SyncedUserProfile.install(session);
        } finally {
            session.getContext().setRealm(before);
        }
    }

    @Override
    public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel model) {
        DeltaLinkStore.clear(realm, model.getId());
    }

    @Override
    public SynchronizationResult sync(KeycloakSessionFactory sessionFactory, String realmId, UserStorageProviderModel model) {
        return run(sessionFactory, realmId, model, true);
    }

    @Override
    public SynchronizationResult syncSince(Date lastSync, KeycloakSessionFactory sessionFactory, String realmId,
                                           UserStorageProviderModel model) {
        return run(sessionFactory, realmId, model, false);
    }

    private SynchronizationResult run(KeycloakSessionFactory sessionFactory, String realmId, UserStorageProviderModel model, boolean full) {
        EntraSyncConfig config = EntraSyncConfig.from(model);
        EntraSyncResult failed = new EntraSyncResult(full ? "full" : "changed-users", config.dryRun());
        try {
            String secret = resolveVault(sessionFactory, config.clientSecret());
            String privateKey = resolveVault(sessionFactory, config.privateKey());
            GraphTraffic traffic = new GraphTraffic();
            GraphServiceClient graph = EntraGraph.client(config, secret, privateKey, Clock.systemUTC(), traffic);
            return new SyncRun(sessionFactory, realmId, model.getId(), config, new UserDeltaReader(graph),
                    new GroupDeltaReader(graph), Clock.systemUTC()).run(full, traffic);
        } catch (IllegalArgumentException e) {
            failed.fail(e.getMessage());
            return failed;
        }
    }

    private static String resolveVault(KeycloakSessionFactory sessionFactory, String value) {
        if (!ConnectionSecrets.isVaultReference(value)) {
            return value;
        }
        return KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory, session -> ConnectionSecrets.resolve(session, value));
    }
}
