package dev.kcentra.testsupport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class PortGuardTest {

    @Test
    void aListeningPortIsReportedByNumber() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> PortGuard.requireFree("the test", port));
            assertEquals("Port(s) [" + port + "] needed by the test are already in use on this machine"
                    + " (is the demo or another Keycloak running?). Stop that process and retry.", e.getMessage());
        }
    }

    @Test
    void aClosedPortIsFree() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertDoesNotThrow(() -> PortGuard.requireFree("the test", port));
    }
}
