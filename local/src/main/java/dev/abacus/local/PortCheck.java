package dev.abacus.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Binds each fixed port the runner will listen on, and lets go, before anything starts. Kafka only binds its
 * listener after formatting storage and starting its controller, and a failed bind there left the runner
 * neither serving nor exiting; Micronaut's bind error does not say which option moves the port.
 */
final class PortCheck {

    private PortCheck() {}

    static void requireFree(String host, int port, String purpose, String option) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UnavailablePortException(String.format(
                    "Cannot listen on %s:%d for %s (%s): stop whatever holds port %d, or choose another port with "
                            + "%s=PORT (0 picks a free one).", host, port, purpose, e.getMessage(), port, option), e);
        }
    }
}
