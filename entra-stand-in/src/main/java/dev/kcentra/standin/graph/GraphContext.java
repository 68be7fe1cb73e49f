package dev.kcentra.standin.graph;

import dev.kcentra.standin.directory.Directory;
import dev.kcentra.standin.fault.Faults;
import dev.kcentra.standin.login.SigningKey;

/** What the Graph endpoints share; {@code pageSize} is the most items a page holds. */
public record GraphContext(Directory directory, Faults faults, SigningKey key, String graphBase, PageTokens tokens, int pageSize) {
}
