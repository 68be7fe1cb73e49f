package dev.kcentra.standin.http;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.kcentra.standin.fault.Fault;
import dev.kcentra.standin.fault.Faults;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One stand-in endpoint: a WireMock stub ({@link #method()} and {@link #pathPattern()}) answered by this transformer.
 * Planned {@link Faults} are applied first; an unexpected exception becomes a 500 with a short message.
 */
public abstract class Endpoint implements ResponseDefinitionTransformerV2 {

    private static final Logger LOG = Logger.getLogger(Endpoint.class.getName());

    private final Faults faults;
    private final RequestMethod method;
    private final String pathPattern;

    /** {@code pathPattern} is a regular expression on the request path; {@code faults} null means faults never apply. */
    protected Endpoint(Faults faults, RequestMethod method, String pathPattern) {
        this.faults = faults;
        this.method = method;
        this.pathPattern = pathPattern;
    }

    public final RequestMethod method() {
        return method;
    }

    public final String pathPattern() {
        return pathPattern;
    }

    protected abstract ResponseDefinition handle(Request request);

    /** The body of an injected error response in this endpoint's own error format. */
    protected abstract ResponseDefinition faultResponse(Fault fault);

    @Override
    public String getName() {
        return getClass().getSimpleName();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public final ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        Optional<Fault> fault = faults == null ? Optional.empty() : faults.take(path(request));
        if (fault.isPresent() && fault.get().status() != 0) {
            return delayed(faultResponse(fault.get()), fault.get().delayMillis());
        }
        ResponseDefinition response;
        try {
            response = handle(request);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stand-in endpoint " + getName() + " failed on " + request.getUrl(), e);
            response = Responses.json(500, Map.of("error", "server_error", "error_description", "stand-in error: " + e));
        }
        if (fault.isPresent() && fault.get().repeatNextLink()) {
            response = pointingAtItself(response, request);
        }
        return fault.isPresent() ? delayed(response, fault.get().delayMillis()) : response;
    }

    /** The same answer, its next link (or, on a last page, a next link instead of the delta link) the request's own URL. */
    private static ResponseDefinition pointingAtItself(ResponseDefinition response, Request request) {
        JsonObject body = JsonParser.parseString(response.getBody()).getAsJsonObject();
        body.remove("@odata.deltaLink");
        String absolute = request.getAbsoluteUrl();
        body.addProperty("@odata.nextLink", absolute);
        return ResponseDefinitionBuilder.like(response).withBody(Responses.toJson(body)).build();
    }

    public static String path(Request request) {
        String url = request.getUrl();
        int question = url.indexOf('?');
        return question < 0 ? url : url.substring(0, question);
    }

    private static ResponseDefinition delayed(ResponseDefinition response, long delayMillis) {
        if (delayMillis <= 0) {
            return response;
        }
        return ResponseDefinitionBuilder.like(response).withFixedDelay((int) Math.min(delayMillis, Integer.MAX_VALUE)).build();
    }
}
