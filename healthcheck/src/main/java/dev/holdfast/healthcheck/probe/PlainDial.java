package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.socket.EchoSocket;
import dev.holdfast.healthcheck.socket.SocketAddressBytes;
import dev.holdfast.healthcheck.socket.StreamSocket;
import dev.holdfast.healthcheck.spec.Connection;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A checker's connection as the socket loop dials it: the target's and the bind address's sockaddr bytes worked
 * out once, fwmark / bind_if set through libc on each new descriptor.
 */
final class PlainDial {
    private final Connection connection;
    private final int family;
    private final byte[] target;
    private final byte[] bindTo;
    private final StreamSocket.Options options;

    private PlainDial(Connection connection) {
        this.connection = connection;
        this.family = SocketAddressBytes.family(connection.target());
        this.target = SocketAddressBytes.of(connection.target());
        this.bindTo = connection.bindTo().map(SocketAddressBytes::of).orElse(null);
        this.options = connection.needsSocketOptions() ? fd -> MarkedSockets.apply(fd, connection) : null;
    }

    /**
     * The dial for {@code connection}, or null when the socket loop cannot make it: a bind address of the other
     * family than the target (a dual-stack socket's business, left to Java's sockets).
     */
    static PlainDial of(Connection connection) {
        InetSocketAddress bind = connection.bindTo().orElse(null);
        if (bind != null && SocketAddressBytes.family(bind) != SocketAddressBytes.family(connection.target())) {
            return null;
        }
        return new PlainDial(connection);
    }

    Connection connection() {
        return connection;
    }

    /** A new ICMP echo socket connected to the target (PING_CHECK). */
    EchoSocket echo() throws IOException {
        return EchoSocket.open(family, target, bindTo, options);
    }

    /** A new non-blocking socket, its connect under way. */
    int connect() throws IOException {
        return StreamSocket.connect(family, target, bindTo, options);
    }
}
