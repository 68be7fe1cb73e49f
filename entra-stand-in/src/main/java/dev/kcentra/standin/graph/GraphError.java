package dev.kcentra.standin.graph;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.http.Responses;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Microsoft Graph's error body: {@code {"error": {"code", "message", "innerError": {...}}}}. */
record GraphError(int status, String code, String message) {

    static GraphError badRequest(String message) {
        return new GraphError(400, "BadRequest", message);
    }

    static GraphError notFound(String key) {
        return new GraphError(404, "Request_ResourceNotFound", "Resource '" + key + "' does not exist or one of its "
                + "queried reference-property objects are not present.");
    }

    static GraphError syncStateNotFound() {
        return new GraphError(400, "syncStateNotFound",
                "The sync state generation is not found. The delta token is expired and data must be synchronized again.");
    }

    ResponseDefinition toResponse() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("date", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        inner.put("request-id", UUID.randomUUID().toString());
        inner.put("client-request-id", UUID.randomUUID().toString());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("innerError", inner);
        return Responses.json(status, Map.of("error", error));
    }
}
