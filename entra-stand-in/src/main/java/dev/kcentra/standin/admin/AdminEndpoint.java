package dev.kcentra.standin.admin;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.directory.Directory;
import dev.kcentra.standin.directory.Removal;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.fault.Fault;
import dev.kcentra.standin.fault.Faults;
import dev.kcentra.standin.http.Endpoint;
import dev.kcentra.standin.http.Params;
import dev.kcentra.standin.http.Responses;
import dev.kcentra.standin.seed.EntraUser;
import dev.kcentra.standin.seed.Seed;
import dev.kcentra.standin.seed.SeedException;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in's control API under {@code /_standin/} on the Graph port, for tests and demos that change Entra while
 * it runs. Faults are never applied here.
 * <pre>
 * GET    /_standin/faults                                    planned faults
 * POST   /_standin/faults                                    add one (seed-file fault format)
 * DELETE /_standin/faults                                    clear
 * PUT    /_standin/tenants/{tid}/users/{id}                  create or replace a user (seed-file user format)
 * DELETE /_standin/tenants/{tid}/users/{id}?reason=changed   delete (changed = soft, deleted = permanent)
 * PUT    /_standin/tenants/{tid}/groups/{gid}/members/{id}   add a member
 * DELETE /_standin/tenants/{tid}/groups/{gid}/members/{id}   remove a member
 * POST   /_standin/tenants/{tid}/expire-delta-tokens         make every earlier delta link stale
 * </pre>
 */
public final class AdminEndpoint extends Endpoint {

    public static final String PREFIX = "/_standin";
    private static final Pattern USER = Pattern.compile(PREFIX + "/tenants/([^/]+)/users/([^/]+)");
    private static final Pattern MEMBER = Pattern.compile(PREFIX + "/tenants/([^/]+)/groups/([^/]+)/members/([^/]+)");
    private static final Pattern EXPIRE = Pattern.compile(PREFIX + "/tenants/([^/]+)/expire-delta-tokens");

    private final Directory directory;
    private final Faults faults;

    public AdminEndpoint(Directory directory, Faults faults) {
        super(null, RequestMethod.ANY, PREFIX + "/.*");
        this.directory = directory;
        this.faults = faults;
    }


    @Override
    protected ResponseDefinition faultResponse(Fault fault) {
        throw new IllegalStateException("faults do not apply to the control API");
    }

    @Override
    protected ResponseDefinition handle(Request request) {
        String path = path(request);
        String method = request.getMethod().value();
        try {
            if (path.equals(PREFIX + "/faults")) {
                return faults(method, request);
            }
            Matcher user = USER.matcher(path);
            if (user.matches()) {
                return user(method, tenant(user.group(1)), user.group(2), request);
            }
            Matcher member = MEMBER.matcher(path);
            if (member.matches()) {
                TenantDirectory tenant = tenant(member.group(1));
                switch (method) {
                    case "PUT" -> tenant.addMember(member.group(2), member.group(3));
                    case "DELETE" -> tenant.removeMember(member.group(2), member.group(3));
                    default -> {
                        return notAllowed(method);
                    }
                }
                return Responses.json(200, Map.of("version", tenant.version()));
            }
            Matcher expire = EXPIRE.matcher(path);
            if (expire.matches() && method.equals("POST")) {
                TenantDirectory tenant = tenant(expire.group(1));
                tenant.expireDeltaTokens();
                return Responses.json(200, Map.of("generation", tenant.generation()));
            }
            return Responses.json(404, Map.of("error", "no such stand-in control resource: " + method + " " + path));
        } catch (NoSuchElementException e) {
            return Responses.json(404, Map.of("error", e.getMessage()));
        } catch (SeedException | IllegalArgumentException e) {
            return Responses.json(400, Map.of("error", e.getMessage()));
        }
    }

    private ResponseDefinition faults(String method, Request request) {
        switch (method) {
            case "GET" -> {
                return Responses.json(200, Map.of("faults", faults.pending()));
            }
            case "POST" -> {
                Fault fault = Seed.parseFault(request.getBodyAsString());
                faults.add(fault);
                return Responses.json(201, fault);
            }
            case "DELETE" -> {
                faults.clear();
                return Responses.json(200, Map.of("faults", List.of()));
            }
            default -> {
                return notAllowed(method);
            }
        }
    }

    private ResponseDefinition user(String method, TenantDirectory tenant, String id, Request request) {
        switch (method) {
            case "PUT" -> {
                EntraUser user = Seed.parseUser(request.getBodyAsString());
                if (!user.id().equalsIgnoreCase(id)) {
                    throw new IllegalArgumentException("the body's id " + user.id() + " differs from the path's " + id);
                }
                tenant.upsertUser(user);
                return Responses.json(200, Map.of("version", tenant.version()));
            }
            case "DELETE" -> {
                Removal removal = Removal.fromReason(Optional.ofNullable(Params.query(request).getOrNull("reason")).orElse("changed"));
                tenant.removeUser(id, removal);
                return Responses.json(200, Map.of("version", tenant.version()));
            }
            default -> {
                return notAllowed(method);
            }
        }
    }

    private TenantDirectory tenant(String id) {
        return directory.tenant(id).orElseThrow(() -> new NoSuchElementException("no tenant " + id));
    }

    private static ResponseDefinition notAllowed(String method) {
        return Responses.json(405, Map.of("error", method + " is not allowed here"));
    }
}
