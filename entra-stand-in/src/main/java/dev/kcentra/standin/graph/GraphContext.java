package dev.kcentra.standin.graph;

import dev.kcentra.standin.directory.Directory;
import dev.kcentra.standin.fault.Faults;
import dev.kcentra.standin.login.SigningKey;
import dev.kcentra.standin.seed.GraphSettings;

/** What the Graph endpoints share. */
public record GraphContext(Directory directory, Faults faults, SigningKey key, String graphBase, PageTokens tokens, GraphSettings settings,
                           ResourceUnitMeter meter) {

    public int pageSize() {
        return settings.pageSize();
    }
}
