package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.socket.SocketLoop;
import dev.holdfast.healthcheck.spec.PingCheckSpec;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@link PingProbeTest} on the socket loop's ICMP sockets (as root, or where ping_group_range allows
 * datagram ICMP sockets; the daemon runs as root), and repeated echoes on one probe.
 */
class PlainPingProbeTest extends PingProbeTest {
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
    PingProbe probe(PingCheckSpec spec) {
        return PingProbe.onSocketLoop(spec, sockets).orElseThrow();
    }

    @Test
    void oneProbeEchoesAgainAndAgain() throws Exception {
        PingProbe probe = probe(new PingCheckSpec(Probes.policy(Duration.ofSeconds(1)), Probes.loopback(0)));
        for (int i = 0; i < 20; i++) {
            assertThat(Probes.run(probe)).isInstanceOf(CheckResult.Passed.class);
        }
    }
}
