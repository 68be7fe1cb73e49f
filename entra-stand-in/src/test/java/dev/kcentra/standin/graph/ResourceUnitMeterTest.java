package dev.kcentra.standin.graph;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The costs and limits of https://learn.microsoft.com/en-us/graph/throttling-limits#identity-and-access-service-limits. */
class ResourceUnitMeterTest {

    @Test
    void costsFollowThePagesTable() {
        assertEquals(2, ResourceUnitMeter.cost("/v1.0/users", false, false, null));
        assertEquals(1, ResourceUnitMeter.cost("/v1.0/users", true, false, null), "$select takes one off");
        assertEquals(3, ResourceUnitMeter.cost("/v1.0/groups/g/members", false, false, null));
        assertEquals(4, ResourceUnitMeter.cost("/v1.0/groups/g/transitiveMembers/microsoft.graph.user", true, false, 999));
        assertEquals(3, ResourceUnitMeter.cost("/v1.0/groups/g/transitiveMembers", true, false, 10), "$top under 20 takes one off");
        assertEquals(1, ResourceUnitMeter.cost("/v1.0/users/delta", true, false, null), "never below 1");
        assertEquals(2, ResourceUnitMeter.cost("/v1.0/users/u", false, true, null), "$expand adds one");
    }

    @Test
    void limitsByTenantSize() {
        assertEquals(3_500, ResourceUnitMeter.microsoftLimit(49));
        assertEquals(5_000, ResourceUnitMeter.microsoftLimit(50));
        assertEquals(5_000, ResourceUnitMeter.microsoftLimit(500));
        assertEquals(8_000, ResourceUnitMeter.microsoftLimit(501));
    }

    @Test
    void unitsLeaveTheWindowAfterTenSecondsAndApplicationsAreMeteredApart() {
        AtomicLong now = new AtomicLong(1_000_000);
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return Instant.ofEpochMilli(now.get()); }
        };
        ResourceUnitMeter meter = new ResourceUnitMeter(clock);
        assertFalse(meter.charge("t", "a", 8, 10).throttled());
        assertNull(meter.charge("t", "b", 1, 10).limitPercentageHeader(), "another application has its own limit");
        ResourceUnitMeter.Charge over = meter.charge("t", "a", 3, 10);
        assertTrue(over.throttled());
        assertEquals(10, over.retryAfterSeconds());
        now.addAndGet(9_000);
        assertTrue(meter.charge("t", "a", 3, 10).throttled());
        now.addAndGet(1_000);
        ResourceUnitMeter.Charge after = meter.charge("t", "a", 9, 10);
        assertFalse(after.throttled(), "the first 8 units left the window");
        assertEquals("0.9", after.limitPercentageHeader());
    }
}
