package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.spec.HexPattern;
import dev.holdfast.healthcheck.spec.UdpCheckSpec;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** UDP_CHECK against a scripted responder and a closed port. */
class UdpProbeTest {
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

    private static CheckResult check(int port, Optional<HexPattern> payload, boolean requireReply,
                                     Optional<HexPattern> pattern, int min, int max) throws Exception {
        return Probes.run(new UdpProbe(new UdpCheckSpec(Probes.policy(Probes.TIMEOUT), Probes.loopback(port), payload,
                requireReply, pattern, min, max), loop));
    }

    private static int closedPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    @Test
    void silencePassesUnlessAReplyIsRequired() throws Exception {
        try (DnsProbeTest.Responder silent = new DnsProbeTest.Responder(q -> null)) {
            CheckResult quiet = check(silent.port(), Optional.empty(), false, Optional.empty(), 0, 255);
            assertThat(quiet).isInstanceOf(CheckResult.Passed.class);
            assertThat(quiet.reason()).endsWith(": no reply and no ICMP error within 700ms");
            assertThat(silent.lastQuery.get()).hasSize(UdpProbe.DEFAULT_PAYLOAD_SIZE);
            assertThat(check(silent.port(), Optional.empty(), true, Optional.empty(), 0, 255).reason())
                    .endsWith(": no reply within 700ms");
        }
    }

    @Test
    void anIcmpPortUnreachableFails() throws Exception {
        CheckResult result = check(closedPort(), Optional.empty(), false, Optional.empty(), 0, 255);
        assertThat(result).isInstanceOf(CheckResult.Failed.class);
        assertThat(result.reason()).startsWith("UDP_CHECK 127.0.0.1:");
    }

    @Test
    void sendsTheConfiguredPayload() throws Exception {
        try (DnsProbeTest.Responder echo = new DnsProbeTest.Responder(q -> q)) {
            check(echo.port(), Optional.of(HexPattern.parse("cafe 01", false)), true, Optional.empty(), 0, 255);
            assertThat(HexFormat.of().formatHex(echo.lastQuery.get())).isEqualTo("cafe01");
        }
    }

    @Test
    void aRequiredReplyMustMatchThePatternAndLengths() throws Exception {
        try (DnsProbeTest.Responder echo = new DnsProbeTest.Responder(q -> q)) {
            Optional<HexPattern> payload = Optional.of(HexPattern.parse("cafe01", false));
            assertThat(check(echo.port(), payload, true, Optional.of(HexPattern.parse("caXe", true)), 0, 255))
                    .isInstanceOf(CheckResult.Passed.class);
            assertThat(check(echo.port(), payload, true, Optional.of(HexPattern.parse("beef", true)), 0, 255)
                    .reason()).endsWith(": reply cafe01 does not match beef");
            assertThat(check(echo.port(), payload, true, Optional.of(HexPattern.parse("ca", true)), 4, 255)
                    .reason()).endsWith(": reply of 3 bytes outside 4..255");
            assertThat(check(echo.port(), payload, true, Optional.of(HexPattern.parse("ca", true)), 0, 2)
                    .reason()).endsWith(": reply of 3 bytes outside 0..2");
            assertThat(check(echo.port(), payload, true, Optional.empty(), 0, 2))
                    .as("require_reply without a pattern takes any reply").isInstanceOf(CheckResult.Passed.class);
        }
    }
}
