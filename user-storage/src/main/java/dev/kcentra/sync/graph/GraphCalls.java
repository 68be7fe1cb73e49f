package dev.kcentra.sync.graph;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;

/** Runs one Graph SDK call and turns its failures into the sync's two exceptions. */
final class GraphCalls {

    private GraphCalls() {
    }

    static <T> T call(GraphCall<T> call) {
        try {
            return call.run();
        } catch (ODataError e) {
            String code = e.getError() == null ? null : e.getError().getCode();
            String message = e.getError() == null ? e.getMessage() : e.getError().getMessage();
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
