package dev.kcentra.sync.graph;

/** Graph no longer knows the stored delta link (410 Gone or {@code syncStateNotFound}): a full resync is needed. */
public class DeltaExpiredException extends GraphAccessException {

    public DeltaExpiredException(String message) {
        super(message);
    }
}
