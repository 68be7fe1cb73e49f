package dev.kcentra.standin.graph;

import java.util.List;
import java.util.Set;

/** What a delta endpoint serves: the collection name, its Graph type, and its selectable and default properties. */
record DeltaCollection(String name, String type, Set<String> properties, List<String> defaults) {

    Selection select(String select) {
        return Selection.parse(select, properties, defaults, type);
    }
}
