package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.spec.Connection;
import dev.holdfast.healthcheck.spec.UdpCheckSpec;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fwmark (SO_MARK) and bind_if (SO_BINDTODEVICE) on real sockets, as root: a veth pair to a network namespace
 * that listens on {@value #PORT}. The host reaches the namespace's {@code fd00:213:1::1} only through routing
 * table {@value #TABLE}, which an {@code ip -6 rule fwmark} selects, so a TCP_CHECK passes with the mark and fails
 * without it (a UDP_CHECK with require_reply too); the namespace's link-local address is reachable only with bind_if naming the veth. IPv6, because
 * reverse-path filtering (IPv4 only) would otherwise depend on the host's sysctls.
 */
class MarkedSocketTest {
    private static final int PORT = 8213;
    private static final int TABLE = 213;
    private static final long MARK = 0x2d5;
    private static final String NS = "hf-mark-" + ProcessHandle.current().pid();
    private static final String HOST_IF = "hfm" + ProcessHandle.current().pid() % 100000;
    private static final String NS_IF = "hfn" + ProcessHandle.current().pid() % 100000;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final List<List<String>> UNDO = new ArrayList<>();
    private static Process listener;
    private static NioEventLoopGroup group;
    private static EventLoop loop;
    private static dev.holdfast.healthcheck.socket.SocketLoop sockets;

    @BeforeAll
    static void setUp() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if ("true".equalsIgnoreCase(System.getenv("CI")) && !root) {
            throw new AssertionError("CI=true: fwmark/bind_if tests need root");
        }
        Assumptions.assumeTrue(root, "not root: skipping the fwmark/bind_if namespace tests");
        group = new NioEventLoopGroup(1);
        loop = group.next();
        sockets = dev.holdfast.healthcheck.socket.SocketLoop.start(java.time.Clock.systemUTC(), "test-socket-loop");
        ip("netns", "add", NS);
        UNDO.add(0, List.of("netns", "del", NS));
        ip("link", "add", HOST_IF, "type", "veth", "peer", "name", NS_IF, "netns", NS);
        UNDO.add(0, List.of("link", "del", HOST_IF));
        ip("addr", "add", "fd00:213::1/64", "dev", HOST_IF, "nodad");
        ip("addr", "add", "fe80::213:1/64", "dev", HOST_IF, "nodad");
        ip("link", "set", HOST_IF, "up");
        ip("-n", NS, "link", "set", "lo", "up");
        ip("-n", NS, "addr", "add", "fd00:213::2/64", "dev", NS_IF, "nodad");
        ip("-n", NS, "addr", "add", "fe80::213:2/64", "dev", NS_IF, "nodad");
        ip("-n", NS, "addr", "add", "fd00:213:1::1/128", "dev", "lo");
        ip("-n", NS, "link", "set", NS_IF, "up");
        ip("-6", "route", "add", "fd00:213:1::/64", "via", "fd00:213::2", "dev", HOST_IF, "table",
                Integer.toString(TABLE));
        ip("-6", "rule", "add", "fwmark", Long.toString(MARK), "lookup", Integer.toString(TABLE));
        UNDO.add(0, List.of("-6", "rule", "del", "fwmark", Long.toString(MARK), "lookup", Integer.toString(TABLE)));
        listener = new ProcessBuilder("ip", "netns", "exec", NS, "python3", "-u", "-c", """
                import socket, threading
                u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
                u.bind(("fd00:213:1::1", %1$d))  # replies must come from the address the check sent to
                def echo():
                    while True:
                        data, peer = u.recvfrom(2048)
                        u.sendto(data, peer)
                threading.Thread(target=echo, daemon=True).start()
                s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(("::", %1$d))
                s.listen(64)
                print("ready", flush=True)
                while True:
                    c, _ = s.accept()
                    c.close()
                """.formatted(PORT)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream(),
                StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (listener != null) {
            listener.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        for (List<String> undo : UNDO) {
            run(undo);
        }
        if (sockets != null) {
            sockets.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void ip(String... args) throws Exception {
        int rc = run(List.of(args));
        assertThat(rc).as("ip " + String.join(" ", args)).isZero();
    }

    private static int run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(System.err);
        return p.waitFor();
    }

    private static CheckResult tcpCheck(String address, OptionalLong mark, Optional<String> bindIf)
            throws Exception {
        Connection connection = new Connection(new InetSocketAddress(InetAddress.getByName(address), PORT),
                Optional.empty(), mark, bindIf);
        CheckResult netty = new TcpProbe(connection, TIMEOUT, loop).check().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        // the socket loop's own sockets (the daemon's TCP_CHECK) set the same options through libc: same verdict
        CheckResult plain = TcpProbe.onSocketLoop(connection, TIMEOUT, sockets).orElseThrow().check()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(plain.getClass()).as("socket loop: " + plain.reason()).isEqualTo(netty.getClass());
        return netty;
    }

    @Test
    void theMarkSelectsTheOnlyRouteToTheTarget() throws Exception {
        assertThat(tcpCheck("fd00:213:1::1", OptionalLong.of(MARK), Optional.empty()))
                .isInstanceOf(CheckResult.Passed.class);
        CheckResult unmarked = tcpCheck("fd00:213:1::1", OptionalLong.empty(), Optional.empty());
        assertThat(unmarked).isInstanceOf(CheckResult.Failed.class);
        CheckResult otherMark = tcpCheck("fd00:213:1::1", OptionalLong.of(MARK + 1), Optional.empty());
        assertThat(otherMark).isInstanceOf(CheckResult.Failed.class);
    }

    @Test
    void theMarkWorksOnDatagramSocketsToo() throws Exception {
        Connection marked = new Connection(new InetSocketAddress(InetAddress.getByName("fd00:213:1::1"), PORT),
                Optional.empty(), OptionalLong.of(MARK), Optional.empty());
        Connection unmarked = new Connection(marked.target(), Optional.empty());
        assertThat(udpCheck(marked)).isInstanceOf(CheckResult.Passed.class);
        assertThat(udpCheck(unmarked)).isInstanceOf(CheckResult.Failed.class);
    }

    private static CheckResult udpCheck(Connection connection) throws Exception {
        UdpCheckSpec spec = new UdpCheckSpec(Probes.policy(TIMEOUT), connection, Optional.empty(), true,
                Optional.empty(), 0, 2048);
        return new UdpProbe(spec, loop).check().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void bindIfReachesALinkLocalTarget() throws Exception {
        assertThat(tcpCheck("fe80::213:2", OptionalLong.empty(), Optional.of(HOST_IF)))
                .isInstanceOf(CheckResult.Passed.class);
        assertThat(tcpCheck("fe80::213:2", OptionalLong.empty(), Optional.empty()))
                .isInstanceOf(CheckResult.Failed.class);
    }

    @Test
    void anUnknownInterfaceFailsTheCheckWithItsName() throws Exception {
        CheckResult result = tcpCheck("fd00:213::2", OptionalLong.empty(), Optional.of("hf-no-such-if"));
        assertThat(result).isInstanceOf(CheckResult.Failed.class);
        assertThat(result.reason()).contains("bind_if hf-no-such-if").contains("No such device");
    }
}
