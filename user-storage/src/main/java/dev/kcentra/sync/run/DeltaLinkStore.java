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

    public static Optional<StoredLink> load(RealmModel realm, String componentId) {
        String link = realm.getAttribute(PREFIX + componentId + ".deltaLink");
        String at = realm.getAttribute(PREFIX + componentId + ".deltaLinkAt");
        if (link == null || link.isBlank()) {
            return Optional.empty();
        }
        Instant storedAt = at == null ? Instant.EPOCH : Instant.ofEpochSecond(Long.parseLong(at));
        return Optional.of(new StoredLink(link, storedAt));
    }

    public static void store(RealmModel realm, String componentId, String link, Instant at) {
        realm.setAttribute(PREFIX + componentId + ".deltaLink", link);
        realm.setAttribute(PREFIX + componentId + ".deltaLinkAt", String.valueOf(at.getEpochSecond()));
    }

    public static void clear(RealmModel realm, String componentId) {
        realm.removeAttribute(PREFIX + componentId + ".deltaLink");
        realm.removeAttribute(PREFIX + componentId + ".deltaLinkAt");
    }
}
