package dev.kcentra.sync.graph;

/** Entra or Graph could not be used (after the retries); the message says what failed, for the admin's sync message. */
public class GraphAccessException extends RuntimeException {

    public GraphAccessException(String message) {
        super(message);
    }

    public GraphAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
