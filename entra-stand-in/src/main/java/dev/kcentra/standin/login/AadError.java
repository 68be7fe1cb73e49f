package dev.kcentra.standin.login;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.http.Responses;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An error in the shape the Microsoft identity platform sends: an OAuth error code plus an AADSTS code and text, as
 * the error response example of https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 * shows it: {@code error_description} "AADSTS70011: ...\r\nTrace ID: ...\r\nCorrelation ID: ...\r\nTimestamp:
 * 2016-01-09 02:02:12Z", {@code error_codes}, {@code timestamp}, {@code trace_id} and {@code correlation_id} (the same
 * ids as in the text), and {@code error_uri}, Microsoft's lookup page for the code
 * (https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes, "Lookup current error code information").
 */
public record AadError(int status, String error, int aadstsCode, String description) {

    /** Microsoft's timestamp format in error bodies, like {@code 2016-01-09 02:02:12Z}. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    static final String ERROR_LOOKUP = "https://login.microsoftonline.com/error?code=";

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
        return Responses.json(status, body(Instant.now(), UUID.randomUUID().toString(), UUID.randomUUID().toString()));
    }

    Map<String, Object> body(Instant now, String traceId, String correlationId) {
        String timestamp = TIMESTAMP.format(now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", message() + "\r\nTrace ID: " + traceId + "\r\nCorrelation ID: " + correlationId
                + "\r\nTimestamp: " + timestamp);
        body.put("error_codes", List.of(aadstsCode));
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", ERROR_LOOKUP + aadstsCode);
        return body;
    }

    /** Errors that must not go back to an unverified redirect URI are shown on a page, as Microsoft does. */
    public ResponseDefinition toPage() {
        return Responses.html(status, SignInPage.errorPage(message()));
    }
}
