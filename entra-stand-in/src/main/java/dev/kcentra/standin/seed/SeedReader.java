package dev.kcentra.standin.seed;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.kcentra.standin.fault.Fault;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads and checks a seed file:
 * <pre>
 * { "tenants": [ { "id": GUID, "displayName", "domains": [..],
 *                  "applications": [ { "displayName", "clientId": GUID, "clientSecret", "certificates": [PEM],
 *                                      "redirectUris": [..], "appRoles": ["User.Read.All", ..],
 *                                      "optionalClaims": { "idToken": [ { "name": "auth_time"|"email"|"xms_edov" } ] } } ],
 *                  "users": [ { "id": GUID, "userPrincipalName", "mail", "mobilePhone", "displayName", "givenName",
 *                               "surname", "accountEnabled", "userType": "Member"|"Guest",
 *                               "onPremisesImmutableId", "password" } ],
 *                  "groups": [ { "id": GUID, "displayName", "description", "members": [user ids] } ] } ],
 *   "graph": { "pageSize": 1..999, "emptyPages": false, "duplicates": false, "membersPerGroupCopy": 500,
 *              "resourceUnitsPer10s": 0 (Microsoft's limits) | -1 (off) | a limit },
 *   "login": { "cloud": "global"|"us-government"|"china" },
 *   "faults": [ { "path": regex, "status", "retryAfterSeconds", "delayMillis", "times", "repeatNextLink" } ] }
 * </pre>
 * Every error names the JSON path of the offending value.
 */
final class SeedReader {

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    Seed read(String json) {
        JsonObject seed = object(parse(json), "$");
        List<EntraTenant> tenants = objects(seed, "tenants", "$", true, this::tenant);
        if (tenants.isEmpty()) {
            throw new SeedException("$.tenants: at least one tenant is needed");
        }
        unique(tenants.stream().map(EntraTenant::id).toList(), "$.tenants[*].id");
        unique(tenants.stream().flatMap(t -> t.domains().stream()).toList(), "$.tenants[*].domains");
        unique(tenants.stream().flatMap(t -> t.applications().stream()).map(EntraApplication::clientId).toList(),
                "$.tenants[*].applications[*].clientId");

        GraphSettings settings = GraphSettings.DEFAULT;
        if (seed.has("graph")) {
            JsonObject graph = object(seed.get("graph"), "$.graph");
            int pageSize = integer(graph, "pageSize", "$.graph", Seed.DEFAULT_PAGE_SIZE);
            if (pageSize < 1 || pageSize > 999) {
                throw new SeedException("$.graph.pageSize: must be between 1 and 999 (Graph's $top limit), was " + pageSize);
            }
            try {
                settings = new GraphSettings(pageSize, bool(graph, "emptyPages", "$.graph"), bool(graph, "duplicates", "$.graph"),
                        integer(graph, "membersPerGroupCopy", "$.graph", GraphSettings.DEFAULT_MEMBERS_PER_GROUP_COPY),
                        integer(graph, "resourceUnitsPer10s", "$.graph", GraphSettings.MICROSOFT_LIMITS));
            } catch (IllegalArgumentException e) {
                throw new SeedException("$.graph: " + e.getMessage());
            }
        }
        List<Fault> faults = objects(seed, "faults", "$", false, this::fault);
        LoginSettings login = LoginSettings.DEFAULT;
        if (seed.has("login")) {
            JsonObject settingsObject = object(seed.get("login"), "$.login");
            String cloud = optionalString(settingsObject, "cloud", "$.login");
            if (cloud != null && LoginSettings.issuerHost(cloud).isEmpty()) {
                throw new SeedException("$.login.cloud: must be one of " + LoginSettings.CLOUDS + ", was '" + cloud + "'");
            }
            login = new LoginSettings(cloud);
        }
        return new Seed(tenants, settings, faults, login);
    }

    EntraUser readUser(String json) {
        return user(object(parse(json), "$"), "$");
    }

    Fault readFault(String json) {
        return fault(object(parse(json), "$"), "$");
    }

    private static JsonElement parse(String json) {
        try {
            return JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new SeedException("not valid JSON: " + rootCause(e).getMessage());
        }
    }

    private EntraTenant tenant(JsonObject tenant, String path) {
        String id = guid(tenant, "id", path);
        List<String> domains = list(tenant, "domains", path, false, (e, p) -> string(e, p).toLowerCase(Locale.ROOT));
        List<EntraApplication> applications = objects(tenant, "applications", path, false, this::application);
        List<EntraUser> users = objects(tenant, "users", path, false, this::user);
        unique(users.stream().map(EntraUser::id).toList(), path + ".users[*].id");
        unique(users.stream().map(u -> u.userPrincipalName().toLowerCase(Locale.ROOT)).toList(), path + ".users[*].userPrincipalName");
        Set<String> userIds = new HashSet<>(users.stream().map(EntraUser::id).toList());
        List<EntraGroup> groups = objects(tenant, "groups", path, false, (g, p) -> group(g, p, userIds));
        unique(groups.stream().map(EntraGroup::id).toList(), path + ".groups[*].id");
        return new EntraTenant(id, optionalString(tenant, "displayName", path), domains, applications, users, groups);
    }

    private EntraApplication application(JsonObject app, String path) {
        List<X509Certificate> certificates = list(app, "certificates", path, false, this::certificate);
        String secret = optionalString(app, "clientSecret", path);
        if (secret == null && certificates.isEmpty()) {
            throw new SeedException(path + ": an application needs a clientSecret or at least one certificate");
        }
        List<String> redirectUris = list(app, "redirectUris", path, false, (e, p) -> {
            String uri = string(e, p);
            if (!URI.create(uri).isAbsolute()) {
                throw new SeedException(p + ": redirect URI must be absolute, was '" + uri + "'");
            }
            return uri;
        });
        return new EntraApplication(optionalString(app, "displayName", path), guid(app, "clientId", path), secret,
                certificates, redirectUris, list(app, "appRoles", path, false, SeedReader::string), idTokenOptionalClaims(app, path));
    }

    /** The manifest's {@code optionalClaims.idToken[].name}; other token types are not modelled. */
    private List<String> idTokenOptionalClaims(JsonObject app, String path) {
        if (!app.has("optionalClaims")) {
            return List.of();
        }
        JsonObject optional = object(app.get("optionalClaims"), path + ".optionalClaims");
        return objects(optional, "idToken", path + ".optionalClaims", false, (claim, p) -> {
            String name = requiredString(claim, "name", p);
            if (!EntraApplication.KNOWN_OPTIONAL_CLAIMS.contains(name)) {
                throw new SeedException(p + ".name: the stand-in knows the optional claims "
                        + EntraApplication.KNOWN_OPTIONAL_CLAIMS + ", was '" + name + "'");
            }
            return name;
        });
    }

    private X509Certificate certificate(JsonElement pem, String path) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(string(pem, path).getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new SeedException(path + ": not a PEM X.509 certificate: " + e.getMessage());
        }
    }

    private EntraUser user(JsonObject user, String path) {
        String upn = requiredString(user, "userPrincipalName", path);
        if (upn.indexOf('@') < 1) {
            throw new SeedException(path + ".userPrincipalName: must look like name@domain, was '" + upn + "'");
        }
        String userType = user.has("userType") ? requiredString(user, "userType", path) : EntraUser.MEMBER;
        if (!EntraUser.MEMBER.equals(userType) && !EntraUser.GUEST.equals(userType)) {
            throw new SeedException(path + ".userType: must be Member or Guest, was '" + userType + "'");
        }
        boolean enabled = !user.has("accountEnabled") || bool(user, "accountEnabled", path);
        return new EntraUser(guid(user, "id", path), upn, optionalString(user, "mail", path),
                optionalString(user, "mobilePhone", path), optionalString(user, "displayName", path),
                optionalString(user, "givenName", path), optionalString(user, "surname", path), enabled, userType,
                optionalString(user, "onPremisesImmutableId", path), optionalString(user, "password", path));
    }

    private EntraGroup group(JsonObject group, String path, Set<String> userIds) {
        List<String> members = list(group, "members", path, false, (e, p) -> {
            String member = string(e, p);
            if (!userIds.contains(member)) {
                throw new SeedException(p + ": no user with id " + member + " in this tenant");
            }
            return member;
        });
        unique(members, path + ".members");
        return new EntraGroup(guid(group, "id", path), requiredString(group, "displayName", path),
                optionalString(group, "description", path), members);
    }

    private Fault fault(JsonObject fault, String path) {
        try {
            return new Fault(requiredString(fault, "path", path), integer(fault, "status", path, 0),
                    integer(fault, "retryAfterSeconds", path, 0), integer(fault, "delayMillis", path, 0),
                    integer(fault, "times", path, 1), bool(fault, "repeatNextLink", path));
        } catch (IllegalArgumentException e) {
            throw new SeedException(path + ": " + e.getMessage());
        }
    }

    private static <T> List<T> list(JsonObject parent, String name, String path, boolean required,
                                    BiFunction<JsonElement, String, T> item) {
        String listPath = path + "." + name;
        JsonElement value = parent.get(name);
        if (value == null || value.isJsonNull()) {
            if (required) {
                throw new SeedException(listPath + ": missing");
            }
            return List.of();
        }
        if (!value.isJsonArray()) {
            throw new SeedException(listPath + ": must be an array");
        }
        JsonArray array = value.getAsJsonArray();
        List<T> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            items.add(item.apply(array.get(i), listPath + "[" + i + "]"));
        }
        return items;
    }

    private <T> List<T> objects(JsonObject parent, String name, String path, boolean required, ObjectReader<T> reader) {
        return list(parent, name, path, required, (e, p) -> reader.read(object(e, p), p));
    }

    @FunctionalInterface
    private interface ObjectReader<T> {
        T read(JsonObject object, String path);
    }

    private static JsonObject object(JsonElement element, String path) {
        if (element == null || !element.isJsonObject()) {
            throw new SeedException(path + ": must be a JSON object");
        }
        return element.getAsJsonObject();
    }

    private static String string(JsonElement element, String path) {
        if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
            throw new SeedException(path + ": must be a string");
        }
        return element.getAsString();
    }

    private static String requiredString(JsonObject parent, String name, String path) {
        String value = optionalString(parent, name, path);
        if (value == null || value.isBlank()) {
            throw new SeedException(path + "." + name + ": missing");
        }
        return value;
    }

    private static String optionalString(JsonObject parent, String name, String path) {
        JsonElement value = parent.get(name);
        return value == null || value.isJsonNull() ? null : string(value, path + "." + name);
    }

    private static String guid(JsonObject parent, String name, String path) {
        String value = requiredString(parent, name, path);
        if (!GUID.matcher(value).matches()) {
            throw new SeedException(path + "." + name + ": must be a GUID, was '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static boolean bool(JsonObject parent, String name, String path) {
        JsonElement value = parent.get(name);
        if (value == null || value.isJsonNull()) {
            return false;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw new SeedException(path + "." + name + ": must be true or false");
        }
        return value.getAsBoolean();
    }

    private static int integer(JsonObject parent, String name, String path, int defaultValue) {
        JsonElement value = parent.get(name);
        if (value == null || value.isJsonNull()) {
            return defaultValue;
        }
        if (!value.isJsonPrimitive() || !((JsonPrimitive) value).isNumber()) {
            throw new SeedException(path + "." + name + ": must be a whole number");
        }
        double number = value.getAsDouble();
        if (number != Math.rint(number) || Math.abs(number) > Integer.MAX_VALUE) {
            throw new SeedException(path + "." + name + ": must be a whole number, was " + value);
        }
        return (int) number;
    }

    private static void unique(List<String> values, String path) {
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            if (!seen.add(value.toLowerCase(Locale.ROOT))) {
                throw new SeedException(path + ": '" + value + "' appears twice");
            }
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
