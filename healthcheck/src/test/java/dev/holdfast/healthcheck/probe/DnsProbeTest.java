package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.spec.DnsCheckSpec;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DNS_CHECK against a scripted UDP responder. */
class DnsProbeTest {
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

    /** Answers every query with {@code answer(query)}, or stays silent when that returns null. */
    static final class Responder implements AutoCloseable {
        final DatagramSocket socket;
        final AtomicReference<byte[]> lastQuery = new AtomicReference<>();

        Responder(UnaryOperator<byte[]> answer) throws java.net.SocketException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[512];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        socket.receive(packet);
                        byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                        lastQuery.set(query);
                        byte[] reply = answer.apply(query);
                        if (reply != null) {
                            socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                        }
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "dns-responder");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    static byte[] reply(byte[] query, int flagsHigh, int flagsLow) {
        byte[] reply = query.clone();
        reply[2] = (byte) flagsHigh;
        reply[3] = (byte) flagsLow;
        return reply;
    }

    private CheckResult check(int port, String type, String name) throws Exception {
        return Probes.run(new DnsProbe(new DnsCheckSpec(Probes.policy(Probes.TIMEOUT), Probes.loopback(port), type,
                name), loop));
    }

    @Test
    void theQueryIsARecursiveQuestionInClassIn() {
        assertThat(HexFormat.of().formatHex(DnsProbe.query(0x1234, "www.example.com", 6)))
                .isEqualTo("123401000001000000000000" + "03777777076578616d706c6503636f6d00" + "00060001");
        assertThat(HexFormat.of().formatHex(DnsProbe.query(1, "", 6))).endsWith("0000060001");
        assertThat(HexFormat.of().formatHex(DnsProbe.query(1, ".", 6))).endsWith("0000060001");
    }

    @Test
    void aNoErrorReplyWithTheSameIdPasses() throws Exception {
        try (Responder dns = new Responder(q -> reply(q, 0x81, 0x80))) {
            assertThat(check(dns.port(), "SOA", "")).isEqualTo(CheckResult.passed("DNS_CHECK SOA . to 127.0.0.1:"
                    + dns.port() + ": answered"));
        }
    }

    @Test
    void anErrorRcodeFails() throws Exception {
        try (Responder dns = new Responder(q -> reply(q, 0x81, 0x83))) {
            assertThat(check(dns.port(), "A", "missing.example").reason()).endsWith(": RCODE 3");
        }
    }

    @Test
    void aReplyWithAnotherIdIsIgnoredUntilTheTimeout() throws Exception {
        try (Responder dns = new Responder(q -> {
            byte[] r = reply(q, 0x81, 0x80);
            r[0] ^= 0x55;
            return r;
        })) {
            assertThat(check(dns.port(), "A", "x.example").reason()).endsWith(": no reply within 700ms");
        }
    }

    @Test
    void silenceFailsAtConnectTimeout() throws Exception {
        try (Responder dns = new Responder(q -> null)) {
            assertThat(check(dns.port(), "AAAA", "x.example").reason()).endsWith(": no reply within 700ms");
        }
    }

    @Test
    void aClosedPortFailsFromTheIcmpError() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = s.getLocalPort();
        }
        CheckResult result = check(port, "A", "x.example");
        assertThat(result).isInstanceOf(CheckResult.Failed.class);
    }
}
