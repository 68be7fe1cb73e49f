package dev.kcentra.vault.launch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values that cost more to work out than a launch can afford and rarely change (a theme's texts, the theme a realm
 * uses, a realm's launch URI): kept a minute, then read again, so that an admin's change shows soon. At most 1000 keys.
 */
final class MinuteCache<V> {

    private static final long MILLIS = 60_000;
    private static final int MAX_KEYS = 1000;

    private record Held<V>(V value, long until) {
    }

    private final Map<String, Held<V>> values = new ConcurrentHashMap<>();

    V get(String key, Supplier<V> read) {
        long now = System.currentTimeMillis();
        Held<V> held = values.get(key);
        if (held != null && held.until() > now) {
            return held.value();
        }
        V value = read.get();
        if (values.size() >= MAX_KEYS) {
            values.clear();
        }
        values.put(key, new Held<>(value, now + MILLIS));
        return value;
    }
}
