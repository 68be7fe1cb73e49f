package dev.kcentra.standin.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code $select}: which properties a response carries; {@code id} always, unknown names are refused as Graph does. */
record Selection(List<String> properties) {

    static Selection parse(String select, Set<String> known, List<String> defaults, String type) {
        if (select == null || select.isBlank()) {
            return new Selection(defaults);
        }
        List<String> properties = new ArrayList<>();
        for (String name : Arrays.stream(select.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            String canonical = known.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Could not find a property named '" + name
                            + "' on type 'microsoft.graph." + type + "'."));
            if (!properties.contains(canonical)) {
                properties.add(canonical);
            }
        }
        return new Selection(properties);
    }

    boolean includes(String property) {
        return properties.contains(property);
    }

    Map<String, Object> apply(Map<String, Object> all) {
        Map<String, Object> selected = new LinkedHashMap<>();
        for (String property : properties) {
            if (all.containsKey(property)) {
                selected.put(property, all.get(property));
            }
        }
        selected.put("id", all.get("id"));
        return selected;
    }
}
