package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.spec.DnsCheckSpec;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNS_CHECK against a real DNS server, dnsmasq from Debian, on a loopback port with no upstream servers. keepalived's
 * rule: a reply with the query's id, QR set and RCODE 0 passes; any other RCODE (NXDOMAIN, REFUSED) or no reply
 * within connect_timeout fails.
 */
class RealDnsServerTest {
    private static final Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");
    private static NioEventLoopGroup group;
    private static EventLoop loop;
    private static ServerProcess dnsmasq;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        ServerProcess.require(DNSMASQ, "dnsmasq-base");
        group = new NioEventLoopGroup(1);
        loop = group.next();
        port = ServerProcess.freePort();
        Path dir = Files.createTempDirectory("holdfast-dnsmasq");
        dnsmasq = ServerProcess.start(dir, List.of(DNSMASQ.toString(), "--keep-in-foreground", "--conf-file=/dev/null",
                "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--user=root", "--pid-file=" + dir.resolve("dnsmasq.pid"), "--log-facility=-",
                "--address=/up.holdfast.test/10.0.0.7", "--address=/gone.holdfast.test/",
                "--txt-record=txt.holdfast.test,holdfast"),
                RealDnsServerTest::answering);
    }

    @AfterAll
    static void stop() throws IOException {
        if (dnsmasq != null) {
            dnsmasq.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void passesOnAnAnswer() throws Exception {
        assertThat(check(port, "A", "up.holdfast.test")).isInstanceOf(CheckResult.Passed.class);
        assertThat(check(port, "TXT", "txt.holdfast.test")).isInstanceOf(CheckResult.Passed.class);
    }

    @Test
    void failsOnNxdomain() throws Exception {
        CheckResult result = check(port, "A", "gone.holdfast.test");
        assertThat(result).isInstanceOf(CheckResult.Failed.class);
        assertThat(result.reason()).containsIgnoringCase("rcode 3");
    }

    @Test
    void failsOnRefusedAsTheDefaultRootSoaQueryIsHere() throws Exception {
        // keepalived's default DNS_CHECK asks SOA for "."; dnsmasq without upstream refuses it
        CheckResult result = check(port, "SOA", "");
        assertThat(result).isInstanceOf(CheckResult.Failed.class);
        assertThat(result.reason()).containsIgnoringCase("rcode 5");
    }

    @Test
    void failsWhenNoServerIsThere() throws Exception {
        // Probes.run bounds the wait: the check must end by itself (ICMP error or connect_timeout)
        assertThat(check(ServerProcess.freePort(), "A", "up.holdfast.test")).isInstanceOf(CheckResult.Failed.class);
    }

    private static CheckResult check(int target, String type, String name) throws Exception {
        return Probes.run(new DnsProbe(new DnsCheckSpec(Probes.policy(Probes.TIMEOUT), Probes.loopback(target), type,
                name), loop));
    }

    private static boolean answering() {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(200);
            byte[] query = DnsProbe.query(7, "up.holdfast.test", 1);
            socket.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), port));
            socket.receive(new DatagramPacket(new byte[512], 512));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
