package dev.kcentra.standin.directory;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which properties of an object were ever set, and when each last changed. Graph's delta answers follow three rules
 * (https://learn.microsoft.com/en-us/graph/delta-query-overview, "Properties"): a changed property comes with its new
 * value, null included; an unchanged one with its old value; one that was never set is left out. With
 * {@code Prefer: return=minimal} only the changed ones come. Both need this per-property history.
 */
final class PropertyVersions {

    private PropertyVersions() {
    }

    /**
     * @param previous the properties before the change (null: a new object)
     * @param previousVersions their versions, as returned by this method for the previous state
     * @return the versions after the change: a new non-null value, or a value cleared to null, takes {@code at}
     */
    static Map<String, Long> next(Map<String, Object> previous, Map<String, Long> previousVersions,
                                  Map<String, Object> current, long at) {
        Map<String, Long> versions = new HashMap<>(previousVersions == null ? Map.of() : previousVersions);
        for (Map.Entry<String, Object> property : current.entrySet()) {
            String name = property.getKey();
            Object before = previous == null ? null : previous.get(name);
            boolean everSet = versions.containsKey(name);
            if (property.getValue() == null ? everSet && before != null : !Objects.equals(before, property.getValue()) || !everSet) {
                versions.put(name, at);
            }
        }
        return versions;
    }
}
