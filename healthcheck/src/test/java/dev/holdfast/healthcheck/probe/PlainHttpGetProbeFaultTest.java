package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.socket.SocketLoop;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every fault case of {@link HttpGetProbeFaultTest}, with the same expected results, on the socket loop. */
class PlainHttpGetProbeFaultTest extends HttpGetProbeFaultTest {
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
    HttpGetProbe probe(HttpGetSpec spec, UrlSpec url) {
        return HttpGetProbe.onSocketLoop(spec, url, sockets).orElseThrow();
    }
}
