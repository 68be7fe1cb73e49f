package dev.kcentra.sync.graph;

import com.microsoft.graph.models.BaseDeltaFunctionResponse;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Follows one Graph delta round: every {@code @odata.nextLink}, empty pages included, to the {@code @odata.deltaLink}
 * that ends it. Each page's objects are mapped and handed over before the next page is read.
 */
final class DeltaRound {

    private DeltaRound() {
    }

    /**
     * A {@code @odata.nextLink} seen before in the round would loop for ever (reported against real Graph; the Graph
     * SDK's own PageIterator stops on "Detected nextLink loop"): the round fails instead, and its delta link is kept.
     */
    static void requireNew(Set<String> followed, String next) {
        if (!followed.add(next)) {
            throw new GraphAccessException("Graph returned the same @odata.nextLink twice in one round (" + shortened(next)
                    + "); the round was stopped instead of looping");
        }
    }

    private static String shortened(String link) {
        return link.length() <= 120 ? link : link.substring(0, 120) + "...";
    }

    /**
     * @param deltaLink where to resume, or null for a full round
     * @param start the first request of a full round
     * @param follow a request for a next or delta link
     * @return the round's new delta link
     */
    static <R extends BaseDeltaFunctionResponse, M, T> String walk(String deltaLink, GraphCalls.GraphCall<R> start,
                                                                   Function<String, R> follow, Function<R, List<M>> values,
                                                                   Function<M, T> map, Consumer<List<T>> handler) {
        R page = deltaLink == null ? GraphCalls.call(start) : GraphCalls.follow(() -> follow.apply(deltaLink));
        Set<String> followed = new HashSet<>();
        while (true) {
            List<M> items = values.apply(page);
            handler.accept(items == null ? List.of() : items.stream().map(map).toList());
            String next = page.getOdataNextLink();
            if (next == null) {
                if (page.getOdataDeltaLink() == null) {
                    throw new GraphAccessException("Graph ended a delta round without @odata.deltaLink");
                }
                return page.getOdataDeltaLink();
            }
            requireNew(followed, next);
            page = GraphCalls.follow(() -> follow.apply(next));
        }
    }
}
