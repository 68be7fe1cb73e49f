package dev.kcentra.sync.graph;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;

/** Runs one Graph SDK call and turns its failures into the sync's two exceptions. */
final class GraphCalls {

    private GraphCalls() {
    }

    /**
     * Follows a link Graph gave ({@code @odata.nextLink} or a stored {@code @odata.deltaLink}). The request is exactly
     * what Graph asked for, so a 400, 404 or 410 answer can only mean that Graph no longer takes the token in it:
     * 410 Gone with a {@code Location} to start over, {@code syncStateNotFound} or {@code resyncRequired} ("a 40X-series
     * error", delta-query-overview, "Token duration" and "Synchronization reset"), an expired page token or a badly
     * formed one. Each needs a round from scratch, never the same dead link again.
     */
    static <T> T follow(GraphCall<T> call) {
        try {
            return call(call);
        } catch (GraphAccessException e) {
            if (!(e instanceof DeltaExpiredException) && e.getCause() instanceof ApiException api
                    && (api.getResponseStatusCode() == 400 || api.getResponseStatusCode() == 404 || api.getResponseStatusCode() == 410)) {
                throw new DeltaExpiredException("Graph no longer takes the link's token (" + e.getMessage() + ")");
            }
            throw e;
        }
    }

    static <T> T call(GraphCall<T> call) {
        try {
            return call.run();
        } catch (ODataError e) {
            String code = e.getError() == null ? null : e.getError().getCode();
            // An answer without an error body (Graph's 410 reset has none) leaves getError() null, and the SDK's own
            // getMessage() then fails: name the status instead.
            String message = e.getError() == null ? "no error body" : e.getError().getMessage();
            if (e.getResponseStatusCode() == 410 || "syncStateNotFound".equalsIgnoreCase(code) || "resyncRequired".equalsIgnoreCase(code)) {
                throw new DeltaExpiredException("Graph no longer knows the delta link (" + code + "): " + message);
            }
            throw new GraphAccessException("Graph answered HTTP " + e.getResponseStatusCode() + " " + code + ": " + message, e);
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 410) {
                throw new DeltaExpiredException("Graph no longer knows the delta link (HTTP 410)");
            }
            throw new GraphAccessException("Graph answered HTTP " + e.getResponseStatusCode() + ": " + e.getMessage(), e);
        } catch (GraphAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof GraphAccessException)) {
                cause = cause.getCause();
            }
            if (cause instanceof GraphAccessException access) {
                throw access;
            }
            throw new GraphAccessException("Graph could not be read: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface GraphCall<T> {
        T run();
    }
}
