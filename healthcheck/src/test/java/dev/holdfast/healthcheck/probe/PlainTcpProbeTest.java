package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.socket.SocketLoop;
import dev.holdfast.healthcheck.spec.Connection;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every case of {@link TcpProbeTest}, with the same expected results, on the socket loop. */
class PlainTcpProbeTest extends TcpProbeTest {
    private static SocketLoop sockets;

    @BeforeAll
    static void sockets() throws Exception {
        sockets = SocketLoop.start(Clock.systemUTC(), "test-socket-loop");
    }

    @AfterAll
    static void closeSockets() {
        sockets.close();
    }

    @Override
    TcpProbe probe(Connection connection, Duration timeout) {
        return TcpProbe.onSocketLoop(connection, timeout, sockets).orElseThrow();
    }
}
