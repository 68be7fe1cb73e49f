package dev.kcentra.sync.run;

import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a connection keeps its Graph delta link between runs: realm attributes keyed by the component id, so
 * storing it does not count as a configuration change of the component.
 */
public final class DeltaLinkStore {

    private static final String PREFIX = "kcentra.entraSync.";

    private DeltaLinkStore() {
    }

    public record StoredLink(String link, Instant storedAt) {
    }

    /** The two rounds a connection keeps links for. */
    public enum Kind { USERS, GROUPS }

    private static String key(String componentId, Kind kind, String suffix) {
        return PREFIX + componentId + (kind == Kind.USERS ? "" : ".groups") + suffix;
    }

    public static Optional<StoredLink> load(RealmModel realm, String componentId, Kind kind) {
        String link = realm.getAttribute(key(componentId, kind, ".deltaLink"));
        String at = realm.getAttribute(key(componentId, kind, ".deltaLinkAt"));
        if (link == null || link.isBlank()) {
            return Optional.empty();
        }
        Instant storedAt = at == null ? Instant.EPOCH : Instant.ofEpochSecond(Long.parseLong(at));
        return Optional.of(new StoredLink(link, storedAt));
    }

    public static void store(RealmModel realm, String componentId, Kind kind, String link, Instant at) {
        realm.setAttribute(key(componentId, kind, ".deltaLink"), link);
        realm.setAttribute(key(componentId, kind, ".deltaLinkAt"), String.valueOf(at.getEpochSecond()));
    }

    public static void clear(RealmModel realm, String componentId) {
        for (Kind kind : Kind.values()) {
            realm.removeAttribute(key(componentId, kind, ".deltaLink"));
            realm.removeAttribute(key(componentId, kind, ".deltaLinkAt"));
        }
    }
}
