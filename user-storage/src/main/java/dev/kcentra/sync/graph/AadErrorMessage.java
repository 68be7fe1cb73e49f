package dev.kcentra.sync.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * The message of an error answer from Microsoft's token endpoint. Microsoft appends diagnostics to
 * {@code error_description} after CR LF ("AADSTS70011: The provided value ... is not valid.\r\nTrace ID: ...\r\n
 * Correlation ID: ...\r\nTimestamp: ..."), as the error response example of
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow shows; admins want the
 * AADSTS text alone, the ids stay in the server log's debug output. Used by the sync's token requests and by the
 * Entra identity provider's code exchange.
 */
public final class AadErrorMessage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 500;

    private AadErrorMessage() {
    }

    /**
     * {@code error_description} cut before "Trace ID", else {@code error}, else only the answer's length: the body of
     * whatever answered an admin-given URL is not repeated to the admin.
     */
    public static String from(String body) {
        if (body == null || body.isBlank()) {
            return "(empty answer)";
        }
        try {
            JsonNode json = JSON.readTree(body);
            String description = json.path("error_description").asText("");
            if (!description.isBlank()) {
                return shortened(cut(description));
            }
            String error = json.path("error").asText("");
            if (!error.isBlank()) {
                return shortened(error);
            }
        } catch (IOException notJson) {
            // An HTML page from a proxy, say.
        }
        return "(an answer of " + body.length() + " characters without error or error_description)";
    }

    public static String cut(String description) {
        int trace = description.indexOf("Trace ID:");
        String message = trace < 0 ? description : description.substring(0, trace);
        return message.strip();
    }

    private static String shortened(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "…";
    }
}
