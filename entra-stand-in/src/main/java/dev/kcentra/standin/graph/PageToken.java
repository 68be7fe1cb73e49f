package dev.kcentra.standin.graph;

import java.util.List;

/**
 * The state behind a {@code $skiptoken} or {@code $deltatoken}: which collection of which tenant, the change window
 * {@code (since, upTo]} (since -1: everything present), the last object id already sent, the {@code $select}, and
 * the number of pages already served in this round.
 */
record PageToken(String tenantId, int generation, String collection, long since, long upTo, String afterId,
                 List<String> select, int page) {

    PageToken {
        select = select == null ? null : List.copyOf(select);
    }
}
