package dev.kcentra.standin.graph;

/**
 * Graph's answer to a query that needs the advanced query parameters but came without them
 * (https://learn.microsoft.com/en-us/graph/aad-advanced-queries, "Error handling for advanced queries").
 */
final class AdvancedQuery {

    private AdvancedQuery() {
    }

    static GraphError unsupported() {
        // The page's wording for an operator, said of the cast; the page shows no example for a cast itself.
        return new GraphError(400, "Request_UnsupportedQuery",
                "OData cast is not supported because the required parameters might be missing. Try adding $count=true "
                        + "query parameter and ConsistencyLevel:eventual header. Refer to "
                        + "https://aka.ms/graph-docs/advanced-queries for more information");
    }
}
