package dev.kcentra.standin.graph;

/**
 * Graph's answer to a query that needs the advanced query parameters but came without them
 * (https://learn.microsoft.com/en-us/graph/aad-advanced-queries, "Error handling for advanced queries").
 */
final class AdvancedQuery {

    private AdvancedQuery() {
    }

    static GraphError unsupported() {
        return new GraphError(400, "Request_UnsupportedQuery",
                "The specified filter to the reference property query is currently not supported.");
    }
}
