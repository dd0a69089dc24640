package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TcpProbeTest {
    private static NioEventLoopGroup group;
    private static EventLoop loop;

    @BeforeAll
    static void loop() {
        group = new NioEventLoopGroup(1);
        loop = group.next();
    }

    @AfterAll
    static void shutdown() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The probe under test; {@link PlainTcpProbeTest} runs every case on the socket loop. */
    TcpProbe probe(dev.holdfast.healthcheck.spec.Connection connection, java.time.Duration timeout) {
        return new TcpProbe(connection, timeout, loop);
    }

    @Test
    void passesWhenTheConnectionCompletesEvenIfTheServerNeverSpeaks() throws Exception {
        try (FaultServer server = new FaultServer(FaultServer.Behaviour.STALL)) {
            CheckResult result = Probes.run(probe(Probes.loopback(server.port()), Probes.TIMEOUT));
            assertThat(result).isEqualTo(CheckResult.passed("TCP connect to 127.0.0.1:" + server.port()
                    + ": connected"));
        }
    }

    @Test
    void failsWithConnectionRefusedOnAClosedPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = socket.getLocalPort();
        }
        CheckResult result = Probes.run(probe(Probes.loopback(port), Probes.TIMEOUT));
        assertThat(result).isEqualTo(CheckResult.failed("TCP connect to 127.0.0.1:" + port
                + ": connection refused"));
    }

    @Test
    void aConnectThatGetsNoAnswerFailsAtConnectTimeout() throws Exception {
        Duration timeout = Duration.ofMillis(400);
        try (FullBacklog silent = new FullBacklog()) {
            Instant start = Instant.now();
            CheckResult result = probe(Probes.loopback(silent.port()), timeout).check()
                    .toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(result).isEqualTo(CheckResult.failed("TCP connect to 127.0.0.1:" + silent.port()
                    + ": timed out after 400ms"));
            assertThat(Duration.between(start, Instant.now())).isBetween(timeout.minusMillis(50),
                    timeout.plusMillis(1000));
        }
    }

    @Test
    void bindsToTheConfiguredSourceAddress() throws Exception {
        try (FaultServer server = new FaultServer(FaultServer.Behaviour.STALL)) {
            var connection = new dev.holdfast.healthcheck.spec.Connection(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
                    java.util.Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
            assertThat(Probes.run(probe(connection, Probes.TIMEOUT)))
                    .isInstanceOf(CheckResult.Passed.class);
        }
    }

    @Test
    void reachesIpv6TargetsWithAndWithoutASourceAddress() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(v6, 0));
            InetSocketAddress target = new InetSocketAddress(v6, server.getLocalPort());
            var plain = new dev.holdfast.healthcheck.spec.Connection(target, java.util.Optional.empty());
            var bound = new dev.holdfast.healthcheck.spec.Connection(target,
                    java.util.Optional.of(new InetSocketAddress(v6, 0)));
            assertThat(Probes.run(probe(plain, Probes.TIMEOUT))).isInstanceOf(CheckResult.Passed.class);
            assertThat(Probes.run(probe(bound, Probes.TIMEOUT))).isInstanceOf(CheckResult.Passed.class);
        }
    }
}
