package dev.kcentra.standin.directory;

import java.util.Locale;

/** Graph's {@code @removed.reason}: {@code changed} is a soft delete (restorable), {@code deleted} is permanent. */
public enum Removal {
    CHANGED, DELETED;

    public String reason() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Removal fromReason(String reason) {
        for (Removal removal : values()) {
            if (removal.reason().equals(reason)) {
                return removal;
            }
        }
        throw new IllegalArgumentException("reason must be 'changed' or 'deleted', was '" + reason + "'");
    }
}
