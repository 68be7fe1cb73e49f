package dev.kcentra.standin.graph;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The identity and access service's throttling: each request costs resource units, and an application may spend a
 * limit per tenant in any 10 seconds; over it Graph answers 429. Past 80 % of the limit, answers carry
 * {@code x-ms-throttle-limit-percentage} (0.8 to 1.8), so that clients can slow down before they are throttled
 * (https://learn.microsoft.com/en-us/graph/throttling-limits#identity-and-access-service-limits).
 */
public final class ResourceUnitMeter {

    static final long WINDOW_MILLIS = 10_000;
    static final double WARN_FROM = 0.8;

    private final Clock clock;
    private final Map<String, Deque<long[]>> spent = new HashMap<>();

    public ResourceUnitMeter(Clock clock) {
        this.clock = clock;
    }

    /** What one request may do: go ahead (with the percentage header from 80 % on) or wait {@code retryAfterSeconds}. */
    record Charge(boolean throttled, int cost, double usedShare, int retryAfterSeconds) {

        /** "Returned only when the application consumed more than 0.8 of its limit." */
        String limitPercentageHeader() {
            return usedShare <= WARN_FROM ? null : String.format(Locale.ROOT, "%.1f", Math.min(1.8, usedShare));
        }
    }

    /**
     * A request's cost: the page's table gives {@code GET users} 2, a group's {@code members} 3 and
     * {@code transitiveMembers} 5, everything else (the delta queries and a single user included) 1; {@code $select}
     * takes 1 off, {@code $expand} adds 1, {@code $top} under 20 takes 1 off, never below 1.
     */
    static int cost(String path, boolean select, boolean expand, Integer top) {
        int base = path.matches("/v1\\.0/users/?") ? 2
                : path.matches("/v1\\.0/groups/[^/]+/members(/.*)?") ? 3
                : path.matches("/v1\\.0/groups/[^/]+/transitiveMembers(/.*)?") ? 5 : 1;
        int cost = base - (select ? 1 : 0) + (expand ? 1 : 0) - (top != null && top < 20 ? 1 : 0);
        return Math.max(1, cost);
    }

    /** Microsoft's limit for an application in a tenant of this size. */
    static int microsoftLimit(int tenantUsers) {
        return tenantUsers < 50 ? 3_500 : tenantUsers <= 500 ? 5_000 : 8_000;
    }

    synchronized Charge charge(String tenantId, String clientId, int cost, int limit) {
        long now = clock.millis();
        Deque<long[]> window = spent.computeIfAbsent(tenantId + "/" + clientId, k -> new ArrayDeque<>());
        while (!window.isEmpty() && window.peekFirst()[0] <= now - WINDOW_MILLIS) {
            window.removeFirst();
        }
        long used = window.stream().mapToLong(entry -> entry[1]).sum();
        if (used + cost > limit) {
            // Free enough units: wait until the oldest entries leave the window.
            long freed = 0;
            long waitUntil = now;
            for (long[] entry : window) {
                freed += entry[1];
                waitUntil = entry[0] + WINDOW_MILLIS;
                if (used - freed + cost <= limit) {
                    break;
                }
            }
            int retryAfter = (int) Math.max(1, (waitUntil - now + 999) / 1000);
            return new Charge(true, cost, (double) (used + cost) / limit, retryAfter);
        }
        window.addLast(new long[] {now, cost});
        return new Charge(false, cost, (double) (used + cost) / limit, 0);
    }
}
