package dev.kcentra.standin.login;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.fault.Fault;
import dev.kcentra.standin.http.Endpoint;

import java.util.Optional;

/** An endpoint under {@code /{tenant}/...} of the login authority. */
abstract class LoginEndpoint extends Endpoint {

    protected final LoginContext context;

    LoginEndpoint(LoginContext context, RequestMethod method, String pathPattern) {
        super(context.faults(), method, pathPattern);
        this.context = context;
    }

    protected Optional<Authority> authority(Request request) {
        return Authority.resolve(tenantSegment(request), context.directory());
    }

    protected static AadError unknownTenant(Request request) {
        return AadError.invalidRequest(90002, "Tenant '" + tenantSegment(request) + "' not found. Check to make sure you "
                + "have the correct tenant ID and are signing into the correct cloud.");
    }

    /** The first path segment: a tenant id or domain, or common / organizations / consumers. */
    private static String tenantSegment(Request request) {
        String path = path(request);
        int end = path.indexOf('/', 1);
        return end < 0 ? path.substring(1) : path.substring(1, end);
    }

    @Override
    protected ResponseDefinition faultResponse(Fault fault) {
        int status = fault.status();
        AadError error = new AadError(status, status == 429 || status == 503 ? "temporarily_unavailable" : "server_error",
                status == 429 ? 50196 : 90033, "The service is temporarily unavailable (fault injected by the stand-in).");
        ResponseDefinition response = error.toJson();
        if (fault.retryAfterSeconds() > 0) {
            return ResponseDefinitionBuilder.like(response)
                    .withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds())).build();
        }
        return response;
    }
}
