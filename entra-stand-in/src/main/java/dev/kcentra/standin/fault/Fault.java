package dev.kcentra.standin.fault;

import java.util.regex.Pattern;

/**
 * A planned misbehaviour: requests whose path matches {@code pathPattern} (a regular expression on the path, without
 * query) answer with {@code status} (429 and 503 with {@code Retry-After}, 410 with Graph's {@code syncStateNotFound}
 * error, any other status with a generic Graph error), or, with status 0, answer normally after {@code delayMillis}.
 * With {@code repeatNextLink} the answer's {@code @odata.nextLink} (or, on a round's last page, a nextLink in place of
 * its deltaLink) points back at the request itself, as real Graph has been reported to do
 * (msgraph-sdk-java-core's PageIterator guards against it).
 * A fault applies to the next {@code times} matching requests; {@code times} 0 means until cleared.
 */
public record Fault(String pathPattern, int status, int retryAfterSeconds, long delayMillis, int times, boolean repeatNextLink) {

    public Fault {
        Pattern.compile(pathPattern);
        if (status != 0 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status must be 0 (slow response only) or an error status 400-599, was " + status);
        }
        if (retryAfterSeconds < 0 || delayMillis < 0 || times < 0) {
            throw new IllegalArgumentException("retryAfterSeconds, delayMillis and times must not be negative");
        }
        if (status == 0 && delayMillis == 0 && !repeatNextLink) {
            throw new IllegalArgumentException("a fault needs an error status, a delay or repeatNextLink");
        }
        if (status != 0 && repeatNextLink) {
            throw new IllegalArgumentException("repeatNextLink answers normally: it cannot have an error status");
        }
    }

    public Fault(String pathPattern, int status, int retryAfterSeconds, long delayMillis, int times) {
        this(pathPattern, status, retryAfterSeconds, delayMillis, times, false);
    }

    public static Fault repeatingNextLink(String pathPattern, int times) {
        return new Fault(pathPattern, 0, 0, 0, times, true);
    }

    public static Fault throttled(String pathPattern, int retryAfterSeconds, int times) {
        return new Fault(pathPattern, 429, retryAfterSeconds, 0, times);
    }

    public static Fault unavailable(String pathPattern, int retryAfterSeconds, int times) {
        return new Fault(pathPattern, 503, retryAfterSeconds, 0, times);
    }

    public static Fault gone(String pathPattern, int times) {
        return new Fault(pathPattern, 410, 0, 0, times);
    }

    public static Fault slow(String pathPattern, long delayMillis, int times) {
        return new Fault(pathPattern, 0, 0, delayMillis, times);
    }

    boolean matches(String path) {
        return Pattern.matches(pathPattern, path);
    }
}
