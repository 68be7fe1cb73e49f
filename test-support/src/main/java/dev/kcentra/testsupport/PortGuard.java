package dev.kcentra.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Fails fast, naming the port, when something else already listens where the harness must bind. */
public final class PortGuard {

    private PortGuard() {
    }

    public static void requireFree(String purpose, int... ports) {
        List<Integer> taken = new ArrayList<>();
        for (int port : ports) {
            if (!isFree(port)) {
                taken.add(port);
            }
        }
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Port(s) " + taken + " needed by " + purpose
                    + " are already in use on this machine (is the demo or another Keycloak running?). Stop that process and retry.");
        }
    }

    static boolean isFree(int port) {
        for (String host : new String[] {"127.0.0.1", "0.0.0.0"}) {
            try (ServerSocket socket = new ServerSocket()) {
                // As servers bind: connections of a just-stopped server in TIME_WAIT do not make a port busy.
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }
}
