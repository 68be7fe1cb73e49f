package dev.kcentra.standin.graph;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.seed.GraphSettings;
import dev.kcentra.standin.http.Params;
import dev.kcentra.standin.http.Responses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Graph delta query over one collection. The first round pages through everything present, each page linking the
 * next with {@code @odata.nextLink} and the last carrying {@code @odata.deltaLink}; a delta link later returns what
 * changed since, deleted objects as {@code @removed}. Pages are keyed by object id, so objects changing during a round
 * are never skipped: they come (again) in the next round.
 */
abstract class DeltaEndpoint<T> extends GraphEndpoint {

    /** https://learn.microsoft.com/en-us/graph/api/user-delta?view=graph-rest-1.0#request-headers */
    private static final Pattern PREFER_MINIMAL = Pattern.compile("(^|[;,\\s])return=minimal($|[;,\\s])");

    private final DeltaCollection collection;

    DeltaEndpoint(GraphContext context, DeltaCollection collection, Set<String> requiredPermissions) {
        super(context, RequestMethod.GET, "/v1\\.0/" + collection.name() + "/(microsoft\\.graph\\.)?delta(\\(\\))?", requiredPermissions);
        this.collection = collection;
    }

    /** At most {@code limit} objects changed in the round, from object id {@code fromId} on (inclusive; null: start). */
    protected abstract List<T> changed(TenantDirectory tenant, long since, long upTo, String fromId, int limit);

    protected abstract String idOf(T item);

    /**
     * @param minimal the request asked {@code Prefer: return=minimal}: a changed object carries only the properties
     *                that changed since {@code since} (in a round from a delta link; a first round sends all)
     */
    protected abstract Map<String, Object> render(T item, Selection selection, long since, boolean minimal);


    @Override
    protected ResponseDefinition handle(Request request, GraphCaller caller) {
        Params query = Params.query(request);
        TenantDirectory tenant = caller.tenant();
        Optional<String> skipToken = query.get("$skiptoken");
        Optional<String> deltaToken = query.get("$deltatoken");
        long now = tenant.version();
        Selection requested;
        try {
            requested = collection.select(query.getOrNull("$select"));
        } catch (IllegalArgumentException e) {
            return GraphError.badRequest(e.getMessage()).toResponse();
        }
        PageToken round;
        if (skipToken.isEmpty() && deltaToken.isEmpty()) {
            round = new PageToken(tenant.id(), tenant.generation(), collection.name(), -1, now, null, requested.properties(), 0);
        } else if (deltaToken.filter("latest"::equals).isPresent()) {
            // "Sync from now": no data, only a delta link for changes from here on.
            PageToken latest = new PageToken(tenant.id(), tenant.generation(), collection.name(), now, now, null, requested.properties(), 0);
            return page(List.of(), null, link("$deltatoken", latest));
        } else {
            PageTokens.Decoded decoded = context.tokens().decode(skipToken.orElseGet(deltaToken::get));
            if (decoded.expired()) {
                return GraphError.syncStateNotFound().toResponse();
            }
            Optional<PageToken> token = decoded.token().filter(t -> t.tenantId().equals(tenant.id()) && t.collection().equals(collection.name()));
            if (token.isEmpty()) {
                return GraphError.badRequest("Badly formed token.").toResponse();
            }
            if (token.get().generation() != tenant.generation()) {
                return GraphError.syncStateNotFound().toResponse();
            }
            PageToken t = token.get();
            round = skipToken.isPresent() ? t : new PageToken(t.tenantId(), t.generation(), t.collection(), t.upTo(), now, null, t.select(), 0);
        }

        Selection selection = new Selection(round.select());
        boolean minimal = PREFER_MINIMAL.matcher(String.valueOf(request.getHeader("Prefer"))).find();
        GraphSettings settings = context.settings();
        if (settings.emptyPages() && round.page() % 2 == 1) {
            return page(List.of(), link("$skiptoken", next(round, round.afterId())), null);
        }
        // One more than a page (plus the previous page's last object, for repeats) tells whether another page follows.
        List<T> changed = changed(tenant, round.since(), round.upTo(), round.afterId(), settings.pageSize() + 2);
        List<T> window = changed.stream()
                .filter(item -> round.afterId() == null || idOf(item).compareTo(round.afterId()) > 0)
                .toList();
        List<Map<String, Object>> value = new ArrayList<>();
        if (settings.duplicates() && round.afterId() != null) {
            changed.stream().filter(item -> idOf(item).equals(round.afterId())).findFirst()
                    .ifPresent(repeat -> value.add(render(repeat, selection, round.since(), minimal)));
        }
        for (T item : window.subList(0, Math.min(window.size(), settings.pageSize()))) {
            value.add(render(item, selection, round.since(), minimal));
        }
        if (window.size() > settings.pageSize()) {
            return page(value, link("$skiptoken", next(round, idOf(window.get(settings.pageSize() - 1)))), null);
        }
        PageToken delta = new PageToken(round.tenantId(), round.generation(), collection.name(), round.upTo(), round.upTo(), null, round.select(), 0);
        return page(value, null, link("$deltatoken", delta));
    }

    private PageToken next(PageToken round, String lastId) {
        return new PageToken(round.tenantId(), round.generation(), collection.name(), round.since(), round.upTo(), lastId,
                round.select(), round.page() + 1);
    }

    private String link(String parameter, PageToken token) {
        return context.graphBase() + "/v1.0/" + collection.name() + "/delta?" + parameter + "=" + context.tokens().encode(token);
    }

    private ResponseDefinition page(List<Map<String, Object>> value, String nextLink, String deltaLink) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", context.graphBase() + "/v1.0/$metadata#" + collection.name());
        if (nextLink != null) {
            body.put("@odata.nextLink", nextLink);
        }
        if (deltaLink != null) {
            body.put("@odata.deltaLink", deltaLink);
        }
        body.put("value", value);
        return Responses.json(200, body);
    }

    /**
     * The properties a changed object carries in a delta answer (user-delta and group-delta pages, "Properties"):
     * by default every selected property that was ever set, with its current value ("This includes properties being
     * set to null value"; "If the property has never been set before it will not be included in the response at
     * all"), and with {@code return=minimal} in a round from a delta link only those that changed since the round's
     * start ("If the property has not changed, the property is not included in the response at all").
     */
    static Map<String, Object> changedObject(Map<String, Object> all, Map<String, Long> changedAt, Selection selection,
                                             long since, boolean minimal) {
        Map<String, Object> reported = new LinkedHashMap<>();
        reported.put("id", all.get("id"));
        all.forEach((name, value) -> {
            Long at = changedAt.get(name);
            if (at != null && (!minimal || since < 0 || at > since)) {
                reported.put(name, value);
            }
        });
        return selection.apply(reported);
    }

    static Map<String, Object> removed(String id, String reason) {
        Map<String, Object> removed = new LinkedHashMap<>();
        removed.put("id", id);
        removed.put("@removed", Map.of("reason", reason));
        return removed;
    }
}
