package dev.kcentra.standin.graph;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.fault.Fault;
import dev.kcentra.standin.seed.GraphSettings;
import dev.kcentra.standin.http.Endpoint;
import dev.kcentra.standin.login.TokenFactory;

import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A Graph endpoint: checks the bearer token the stand-in's token endpoint issued and the permission it needs. */
abstract class GraphEndpoint extends Endpoint {

    static final Set<String> USER_READ = Set.of("User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All");
    static final Set<String> GROUP_READ = Set.of("Group.Read.All", "GroupMember.Read.All", "Group.ReadWrite.All",
            "Directory.Read.All", "Directory.ReadWrite.All");

    protected final GraphContext context;
    private final Set<String> requiredPermissions;

    /** {@code requiredPermissions}: the caller needs one of them; empty means any valid token. */
    GraphEndpoint(GraphContext context, RequestMethod method, String pathPattern, Set<String> requiredPermissions) {
        super(context.faults(), method, pathPattern);
        this.context = context;
        this.requiredPermissions = requiredPermissions;
    }

    protected abstract ResponseDefinition handle(Request request, GraphCaller caller);

    @Override
    protected final ResponseDefinition handle(Request request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.").toResponse();
        }
        Optional<GraphCaller> caller = caller(authorization.substring(7).trim());
        if (caller.isEmpty()) {
            return new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience, "
                    + "signature or lifetime.").toResponse();
        }
        if (!requiredPermissions.isEmpty() && !caller.get().hasAny(requiredPermissions)) {
            return new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.").toResponse();
        }
        int limit = context.settings().resourceUnitsPer10s();
        if (limit == GraphSettings.UNMETERED) {
            return handle(request, caller.get());
        }
        TenantDirectory tenant = caller.get().tenant();
        ResourceUnitMeter.Charge charge = context.meter().charge(tenant.id(), caller.get().clientId(), resourceUnits(request),
                limit == GraphSettings.MICROSOFT_LIMITS ? ResourceUnitMeter.microsoftLimit(tenant.userCount()) : limit);
        ResponseDefinition response = charge.throttled()
                ? ResponseDefinitionBuilder.like(new GraphError(429, "TooManyRequests", "Too many requests. Retry after the "
                        + "time given in Retry-After.").toResponse())
                        .withHeader("Retry-After", String.valueOf(charge.retryAfterSeconds()))
                        .withHeader("x-ms-throttle-scope", "Tenant_Application/ReadWrite/" + caller.get().clientId() + "/" + tenant.id())
                        .withHeader("x-ms-throttle-information", "ResourceUnitLimitExceeded").build()
                : handle(request, caller.get());
        ResponseDefinitionBuilder metered = ResponseDefinitionBuilder.like(response).withHeader("x-ms-resource-unit", String.valueOf(charge.cost()));
        if (charge.limitPercentageHeader() != null) {
            metered = metered.withHeader("x-ms-throttle-limit-percentage", charge.limitPercentageHeader());
        }
        return metered.build();
    }

    /** What the request costs in the identity and access service's resource units ({@link ResourceUnitMeter#cost}). */
    protected int resourceUnits(Request request) {
        dev.kcentra.standin.http.Params query = dev.kcentra.standin.http.Params.query(request);
        Integer top;
        try {
            top = query.get("$top").map(Integer::valueOf).orElse(null);
        } catch (NumberFormatException e) {
            top = null;
        }
        return ResourceUnitMeter.cost(path(request), query.get("$select").isPresent(), query.get("$expand").isPresent(), top);
    }

    private Optional<GraphCaller> caller(String token) {
        Optional<JWTClaimsSet> claims = context.key().verify(token);
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        List<String> audience = claims.get().getAudience();
        if (!audience.contains(TokenFactory.GRAPH_RESOURCE) && !audience.contains(TokenFactory.GRAPH_APP_ID)) {
            return Optional.empty();
        }
        try {
            Optional<TenantDirectory> tenant = context.directory().tenant(claims.get().getStringClaim("tid"));
            if (tenant.isEmpty()) {
                return Optional.empty();
            }
            boolean application = "app".equals(claims.get().getStringClaim("idtyp"));
            List<String> permissions = application
                    ? Optional.ofNullable(claims.get().getStringListClaim("roles")).orElse(List.of())
                    : Arrays.asList(Optional.ofNullable(claims.get().getStringClaim("scp")).orElse("").split(" "));
            return Optional.of(new GraphCaller(tenant.get(), permissions, application,
                    application ? null : claims.get().getStringClaim("oid"), claims.get().getStringClaim("appid")));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    @Override
    protected ResponseDefinition faultResponse(Fault fault) {
        GraphError error = switch (fault.status()) {
            case 429 -> new GraphError(429, "TooManyRequests", "Too many requests. Retry after the time given in Retry-After.");
            case 503 -> new GraphError(503, "serviceNotAvailable", "The service is temporarily unavailable. Retry after the time given in Retry-After.");
            case 410 -> new GraphError(410, "resyncRequired", "Resync required. Replace any local items with the server's "
                    + "version (including deletes) and start again with an initial delta request.");
            default -> new GraphError(fault.status(), "generalException", "An error was injected by the stand-in.");
        };
        ResponseDefinition response = error.toResponse();
        if (fault.retryAfterSeconds() > 0) {
            return ResponseDefinitionBuilder.like(response).withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds())).build();
        }
        return response;
    }
}
