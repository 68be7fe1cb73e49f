package dev.kcentra.sync;

import dev.kcentra.sync.phone.MobileNumber;
import org.keycloak.component.ComponentModel;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Typed, validated view of an Entra ID Sync component's configuration. {@link #problems()} lists every invalid
 * setting in words an admin can act on; the factory refuses to save such a configuration.
 */
public record EntraSyncConfig(String tenantId, String clientId, ClientAuthentication authentication,
                              String certificatePem, String privateKey, String clientSecret, EntraCloud cloud,
                              String authorityUrl, String graphUrl, String usernameAttribute, boolean includeGuests,
                              DeletionPolicy deletionPolicy, int deleteAfterDays, int abortThresholdPercent,
                              boolean dryRun, boolean ssoEnabled, boolean ssoForAllSynced, String identityProviderAlias,
                              boolean syncGroups, String groupsParent, List<String> scopeGroups,
                              String phoneRegion, List<String> ssoDomains, String outageMessage, int deltaLinkMaxAgeDays,
                              boolean signInSyncedUsersOnly) {

    public EntraSyncConfig {
        scopeGroups = List.copyOf(scopeGroups);
        ssoDomains = List.copyOf(ssoDomains);
    }

    public static final String TENANT_ID = "tenantId";
    public static final String CLIENT_ID = "clientId";
    public static final String AUTHENTICATION = "authentication";
    public static final String CERTIFICATE = "certificate";
    public static final String PRIVATE_KEY = "privateKey";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String CLOUD = "cloud";
    public static final String AUTHORITY_URL = "authorityUrl";
    public static final String GRAPH_URL = "graphUrl";
    public static final String USERNAME_ATTRIBUTE = "usernameAttribute";
    public static final String INCLUDE_GUESTS = "includeGuests";
    public static final String DELETION_POLICY = "deletionPolicy";
    public static final String DELETE_AFTER_DAYS = "deleteAfterDays";
    public static final String ABORT_THRESHOLD_PERCENT = "abortThresholdPercent";
    public static final String DRY_RUN = "dryRun";
    public static final String SSO_ENABLED = "ssoEnabled";
    public static final String SSO_FOR_ALL_SYNCED = "ssoForAllSynced";
    public static final String IDENTITY_PROVIDER_ALIAS = "identityProviderAlias";
    public static final String SYNC_GROUPS = "syncGroups";
    public static final String GROUPS_PARENT = "groupsParent";
    public static final String SCOPE_GROUPS = "scopeGroups";
    public static final String PHONE_REGION = "phoneRegion";
    public static final String SSO_DOMAINS = "ssoDomains";
    public static final String OUTAGE_MESSAGE = "outageMessage";
    public static final String DELTA_LINK_MAX_AGE_DAYS = "deltaLinkMaxAgeDays";
    public static final String SIGN_IN_SYNCED_USERS_ONLY = "signInSyncedUsersOnly";
    /** Written by each run, read-only for admins: not part of the connection's settings. */
    public static final String LAST_SYNC = "lastSyncStatus";

    public static final List<String> USERNAME_ATTRIBUTES = List.of("userPrincipalName", "mail");
    static final int DEFAULT_DELETE_AFTER_DAYS = 30;
    static final int DEFAULT_ABORT_THRESHOLD_PERCENT = 20;
    /** A day less than the seven after which Microsoft expires directory change tokens. */
    static final int DEFAULT_DELTA_LINK_MAX_AGE_DAYS = 6;
    static final String DEFAULT_IDENTITY_PROVIDER_ALIAS = "entra";
    static final String DEFAULT_GROUPS_PARENT = "Entra ID";

    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Reads the configuration; values that cannot be read fall back to null or defaults and show in {@link #problems()}. */
    public static EntraSyncConfig from(ComponentModel model) {
        return new EntraSyncConfig(
                trimmed(model, TENANT_ID),
                trimmed(model, CLIENT_ID),
                parse(model, AUTHENTICATION, ClientAuthentication.CERTIFICATE, ClientAuthentication::fromConfig),
                raw(model, CERTIFICATE),
                raw(model, PRIVATE_KEY),
                raw(model, CLIENT_SECRET),
                parse(model, CLOUD, EntraCloud.GLOBAL, EntraCloud::fromConfig),
                stripSlash(trimmed(model, AUTHORITY_URL)),
                stripSlash(trimmed(model, GRAPH_URL)),
                orDefault(trimmed(model, USERNAME_ATTRIBUTE), "userPrincipalName"),
                Boolean.parseBoolean(model.get(INCLUDE_GUESTS)),
                parse(model, DELETION_POLICY, DeletionPolicy.DISABLE, DeletionPolicy::fromConfig),
                integer(model, DELETE_AFTER_DAYS, DEFAULT_DELETE_AFTER_DAYS),
                integer(model, ABORT_THRESHOLD_PERCENT, DEFAULT_ABORT_THRESHOLD_PERCENT),
                Boolean.parseBoolean(model.get(DRY_RUN)),
                Boolean.parseBoolean(model.get(SSO_ENABLED)),
                Boolean.parseBoolean(model.get(SSO_FOR_ALL_SYNCED)),
                orDefault(trimmed(model, IDENTITY_PROVIDER_ALIAS), DEFAULT_IDENTITY_PROVIDER_ALIAS),
                Boolean.parseBoolean(model.get(SYNC_GROUPS)),
                orDefault(trimmed(model, GROUPS_PARENT), DEFAULT_GROUPS_PARENT),
                scopeGroups(model),
                upper(trimmed(model, PHONE_REGION)),
                listOf(model, SSO_DOMAINS),
                trimmed(model, OUTAGE_MESSAGE),
                integer(model, DELTA_LINK_MAX_AGE_DAYS, DEFAULT_DELTA_LINK_MAX_AGE_DAYS),
                !"false".equalsIgnoreCase(trimmed(model, SIGN_IN_SYNCED_USERS_ONLY)));
    }

    /** Secrets (private key, client secret) are shown only as set or not: config objects end up in logs. */
    @Override
    public String toString() {
        return "EntraSyncConfig[tenantId=" + tenantId + ", clientId=" + clientId + ", authentication=" + authentication
                + ", certificatePem=" + (certificatePem == null ? null : "(" + certificatePem.length() + " characters)")
                + ", privateKey=" + secret(privateKey) + ", clientSecret=" + secret(clientSecret) + ", cloud=" + cloud
                + ", authorityUrl=" + authorityUrl + ", graphUrl=" + graphUrl + ", usernameAttribute=" + usernameAttribute
                + ", includeGuests=" + includeGuests + ", deletionPolicy=" + deletionPolicy + ", deleteAfterDays=" + deleteAfterDays
                + ", abortThresholdPercent=" + abortThresholdPercent + ", dryRun=" + dryRun + ", ssoEnabled=" + ssoEnabled
                + ", ssoForAllSynced=" + ssoForAllSynced + ", identityProviderAlias=" + identityProviderAlias
                + ", syncGroups=" + syncGroups + ", groupsParent=" + groupsParent + ", scopeGroups=" + scopeGroups
                + ", phoneRegion=" + phoneRegion + ", ssoDomains=" + ssoDomains + ", outageMessage=" + outageMessage
                + ", deltaLinkMaxAgeDays=" + deltaLinkMaxAgeDays + ", signInSyncedUsersOnly=" + signInSyncedUsersOnly + "]";
    }

    private static String secret(String value) {
        return value == null ? null : "**********";
    }

    /** Every problem with the stored configuration, empty when it can be used. */
    public static List<String> problems(ComponentModel model) {
        List<String> problems = new ArrayList<>();
        String tenant = trimmed(model, TENANT_ID);
        if (tenant == null || !GUID.matcher(tenant).matches()) {
            problems.add("Tenant ID must be the directory (tenant) ID, a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47.");
        }
        String client = trimmed(model, CLIENT_ID);
        if (client == null || !GUID.matcher(client).matches()) {
            problems.add("Client ID must be the application (client) ID of the app registration, a GUID.");
        }
        checkChoice(model, AUTHENTICATION, ClientAuthentication::fromConfig, "Authentication", problems);
        checkChoice(model, CLOUD, EntraCloud::fromConfig, "Cloud", problems);
        checkChoice(model, DELETION_POLICY, DeletionPolicy::fromConfig, "Deletion policy", problems);
        ClientAuthentication authentication = parse(model, AUTHENTICATION, ClientAuthentication.CERTIFICATE, ClientAuthentication::fromConfig);
        if (authentication == ClientAuthentication.CERTIFICATE) {
            if (blank(raw(model, CERTIFICATE)) || blank(raw(model, PRIVATE_KEY))) {
                problems.add("Certificate authentication needs the certificate (PEM) and its private key (PEM, PKCS#8).");
            }
        } else if (blank(raw(model, CLIENT_SECRET))) {
            problems.add("Secret authentication needs the client secret.");
        }
        if (parse(model, CLOUD, EntraCloud.GLOBAL, EntraCloud::fromConfig) == EntraCloud.CUSTOM) {
            checkUrl(trimmed(model, AUTHORITY_URL), "Authority URL", problems);
            checkUrl(trimmed(model, GRAPH_URL), "Graph URL", problems);
        }
        String username = orDefault(trimmed(model, USERNAME_ATTRIBUTE), "userPrincipalName");
        if (!USERNAME_ATTRIBUTES.contains(username)) {
            problems.add("Username attribute must be one of " + USERNAME_ATTRIBUTES + ".");
        }
        checkRange(model, DELETE_AFTER_DAYS, DEFAULT_DELETE_AFTER_DAYS, 0, 3650, "Delete after (days)", problems);
        checkRange(model, ABORT_THRESHOLD_PERCENT, DEFAULT_ABORT_THRESHOLD_PERCENT, 0, 100, "Abort threshold (%)", problems);
        checkRange(model, DELTA_LINK_MAX_AGE_DAYS, DEFAULT_DELTA_LINK_MAX_AGE_DAYS, 1, 6, "Delta link maximum age (days)", problems);
        if (Boolean.parseBoolean(model.get(SSO_FOR_ALL_SYNCED)) && !Boolean.parseBoolean(model.get(SSO_ENABLED))) {
            problems.add("\"Enable for all synced users\" needs \"Enable SSO\" on.");
        }
        for (String group : scopeGroups(model)) {
            if (!GUID.matcher(group).matches()) {
                problems.add("Only members of groups: '" + group + "' is not a group object ID (GUID).");
            }
        }
        String region = upper(trimmed(model, PHONE_REGION));
        if (region != null && !MobileNumber.isRegion(region)) {
            problems.add("Phone region must be an ISO 3166 two-letter country code, like US or NL.");
        }
        for (String domain : listOf(model, SSO_DOMAINS)) {
            if (!DOMAIN.matcher(domain).matches()) {
                problems.add("Entra domains: '" + domain + "' is not a domain name like contoso.com.");
            }
        }
        String parent = trimmed(model, GROUPS_PARENT);
        if (parent != null && parent.contains("/")) {
            problems.add("Parent group must be a top-level group name without '/'.");
        }
        return problems;
    }

    /** Empty: all users are in scope. */
    public boolean scopedToGroups() {
        return !scopeGroups.isEmpty();
    }

    /** The login authority base URL, like https://login.microsoftonline.com. */
    public String authority() {
        return cloud == EntraCloud.CUSTOM ? authorityUrl : cloud.authority();
    }

    /** The Graph base URL, like https://graph.microsoft.com. */
    public String graph() {
        return cloud == EntraCloud.CUSTOM ? graphUrl : cloud.graph();
    }

    public String tokenEndpoint() {
        return authority() + "/" + tenantId + "/oauth2/v2.0/token";
    }

    public boolean usesMail() {
        return "mail".equals(usernameAttribute);
    }

    private static void checkUrl(String url, String label, List<String> problems) {
        try {
            URI uri = url == null ? null : URI.create(url);
            if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                problems.add(label + " must be an absolute http(s) URL.");
            }
        } catch (IllegalArgumentException e) {
            problems.add(label + " must be an absolute http(s) URL.");
        }
    }

    private static <T> void checkChoice(ComponentModel model, String key, java.util.function.Function<String, T> parser,
                                        String label, List<String> problems) {
        String value = trimmed(model, key);
        if (value != null) {
            try {
                parser.apply(value);
            } catch (IllegalArgumentException e) {
                problems.add(label + ": " + e.getMessage() + ".");
            }
        }
    }

    private static void checkRange(ComponentModel model, String key, int defaultValue, int min, int max, String label,
                                   List<String> problems) {
        String value = trimmed(model, key);
        try {
            int number = value == null ? defaultValue : Integer.parseInt(value);
            if (number < min || number > max) {
                problems.add(label + " must be between " + min + " and " + max + ".");
            }
        } catch (NumberFormatException e) {
            problems.add(label + " must be a whole number, was '" + value + "'.");
        }
    }

    private static <T> T parse(ComponentModel model, String key, T defaultValue, java.util.function.Function<String, T> parser) {
        String value = trimmed(model, key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return parser.apply(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return defaultValue;
        }
    }

    private static int integer(ComponentModel model, String key, int defaultValue) {
        try {
            String value = trimmed(model, key);
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /** Whether an unknown identifier at this email domain goes to Microsoft ("Entra domains" setting). */
    public boolean routesDomainToMicrosoft(String identifier) {
        int at = identifier == null ? -1 : identifier.lastIndexOf('@');
        return at > 0 && ssoEnabled && ssoDomains.contains(identifier.substring(at + 1).trim().toLowerCase(Locale.ROOT));
    }

    private static List<String> scopeGroups(ComponentModel model) {
        return listOf(model, SCOPE_GROUPS);
    }

    private static List<String> listOf(ComponentModel model, String key) {
        List<String> values = model.getConfig() == null ? null : model.getConfig().get(key);
        // One value per entry; a value holding several separated by commas, spaces or "##" is accepted too.
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank())
                .flatMap(v -> java.util.Arrays.stream(v.split("[,\\s]+|##")))
                .filter(v -> !v.isBlank()).map(v -> v.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static String raw(ComponentModel model, String key) {
        String value = model.get(key);
        return blank(value) ? null : value;
    }

    private static String trimmed(ComponentModel model, String key) {
        String value = model.get(key);
        return blank(value) ? null : value.trim();
    }

    private static String stripSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String orDefault(String value, String defaultValue) {
        return value == null ? defaultValue : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
