package dev.kcentra.sync.graph;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How long the sync waits when Graph says it nears its limit (x-ms-throttle-limit-percentage, 0.8 to 1.8). */
class GraphTrafficTest {

    @Test
    void pausesGrowPastEightyPercentUpToTheLimitsWindow() {
        assertEquals(0, GraphTraffic.pauseFor(null));
        assertEquals(0, GraphTraffic.pauseFor("0.8"));
        assertEquals(1_000, GraphTraffic.pauseFor("0.9"));
        assertEquals(2_000, GraphTraffic.pauseFor("1.0"));
        assertEquals(10_000, GraphTraffic.pauseFor("1.8"));
        assertEquals(10_000, GraphTraffic.pauseFor("7"), "never longer than the 10 s window");
        assertEquals(0, GraphTraffic.pauseFor("lots"), "an unreadable header is ignored");
    }
}
