package dev.kcentra.common.net;

import java.io.IOException;

/** A server-side request was not sent: its destination is inside the server's own networks. The message says why. */
public class RefusedDestinationException extends IOException {

    public RefusedDestinationException(String message) {
        super(message);
    }
}
