package dev.kcentra.sync.graph;

import com.microsoft.graph.models.Domain;
import com.microsoft.graph.models.DomainCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import dev.kcentra.sync.EntraSyncConfig;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The verified domains of a synced tenant, read with the connection's credentials from Graph's
 * {@code GET /domains} (https://learn.microsoft.com/en-us/graph/api/domain-list?view=graph-rest-1.0, permission
 * {@code Domain.Read.All}) and kept ten minutes per connection. A failure (no permission, Microsoft down) gives no
 * domains and is not kept: an email is then not taken as verified, never the other way round, and a permission
 * granted later counts from the next sign-in.
 */
public final class VerifiedDomains {

    private static final Logger LOG = Logger.getLogger(VerifiedDomains.class);
    static final Duration KEPT = Duration.ofMinutes(10);

    private static final Map<String, Entry> CACHE = new ConcurrentHashMap<>();

    private VerifiedDomains() {
    }

    private record Entry(Set<String> domains, Instant until) {
    }

    /** Lower-case names of the tenant's verified domains; empty when Graph could not tell. */
    public static Set<String> of(KeycloakSession session, String componentId, EntraSyncConfig config) {
        String key = componentId + "|" + config.tenantId() + "|" + config.graph() + "|" + config.clientId();
        Entry cached = CACHE.get(key);
        Instant now = Instant.now();
        if (cached != null && cached.until().isAfter(now)) {
            return cached.domains();
        }
        Optional<Set<String>> domains = read(session, config);
        domains.ifPresent(read -> CACHE.put(key, new Entry(read, now.plus(KEPT))));
        return domains.orElse(Set.of());
    }

    private static Optional<Set<String>> read(KeycloakSession session, EntraSyncConfig config) {
        try {
            GraphServiceClient graph = EntraGraph.client(config, ConnectionSecrets.resolve(session, config.clientSecret()),
                    ConnectionSecrets.resolve(session, config.privateKey()), Clock.systemUTC(), new GraphTraffic());
            DomainCollectionResponse page = GraphCalls.call(() -> graph.domains().get(request ->
                    request.queryParameters.select = new String[] {"id", "isVerified"}));
            Set<String> verified = new HashSet<>();
            Set<String> followed = new HashSet<>();
            while (true) {
                if (page.getValue() != null) {
                    for (Domain domain : page.getValue()) {
                        if (Boolean.TRUE.equals(domain.getIsVerified()) && domain.getId() != null) {
                            verified.add(domain.getId().toLowerCase(Locale.ROOT));
                        }
                    }
                }
                String next = page.getOdataNextLink();
                if (next == null) {
                    return Optional.of(Set.copyOf(verified));
                }
                DeltaRound.requireNew(followed, next);
                page = GraphCalls.call(() -> graph.domains().withUrl(next).get());
            }
        } catch (GraphAccessException | IllegalArgumentException e) {
            LOG.warnf("The verified domains of Entra tenant %s could not be read (%s); brokered emails stay unverified "
                    + "unless the ID token carries xms_edov", config.tenantId(), e.getMessage());
            return Optional.empty();
        }
    }
}
