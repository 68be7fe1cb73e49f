package dev.kcentra.standin.login;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.http.Responses;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An error in the shape the Microsoft identity platform sends: an OAuth error code plus an AADSTS code and text. */
public record AadError(int status, String error, int aadstsCode, String description) {

    public static AadError invalidRequest(int code, String description) {
        return new AadError(400, "invalid_request", code, description);
    }

    public static AadError invalidClient(int code, String description) {
        return new AadError(401, "invalid_client", code, description);
    }

    public static AadError invalidGrant(int code, String description) {
        return new AadError(400, "invalid_grant", code, description);
    }

    public String message() {
        return "AADSTS" + aadstsCode + ": " + description;
    }

    public ResponseDefinition toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", message() + " Trace ID: " + UUID.randomUUID() + " Correlation ID: "
                + UUID.randomUUID() + " Timestamp: " + DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        body.put("error_codes", List.of(aadstsCode));
        body.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        body.put("trace_id", UUID.randomUUID().toString());
        body.put("correlation_id", UUID.randomUUID().toString());
        return Responses.json(status, body);
    }

    /** Errors that must not go back to an unverified redirect URI are shown on a page, as Microsoft does. */
    public ResponseDefinition toPage() {
        return Responses.html(status, SignInPage.errorPage(message()));
    }
}
