package dev.kcentra.standin.seed;

/** A seed file that cannot be used; the message names the file position (JSON path) and what is wrong there. */
public class SeedException extends RuntimeException {

    public SeedException(String message) {
        super(message);
    }

    public SeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
