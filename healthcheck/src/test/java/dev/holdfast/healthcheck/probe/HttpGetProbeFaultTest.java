package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.probe.FaultServer.Behaviour;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.HttpVersion;
import dev.holdfast.healthcheck.spec.StatusCodes;
import dev.holdfast.healthcheck.spec.UrlSpec;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP_GET against a server that misbehaves in every way a real server does, on Netty (SSL_GET's way, and the
 * tests' wiring); {@link PlainHttpGetProbeFaultTest} runs every case again on the socket loop.
 */
class HttpGetProbeFaultTest {
    private static NioEventLoopGroup group;
    private static EventLoop loop;
    private FaultServer server;

    @BeforeAll
    static void loop() {
        group = new NioEventLoopGroup(1);
        loop = group.next();
    }

    @AfterAll
    static void shutdown() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** The probe under test. */
    HttpGetProbe probe(HttpGetSpec spec, UrlSpec url) {
        return new HttpGetProbe(spec, url, loop);
    }

    private CheckResult get(Behaviour behaviour, UrlSpec url) throws Exception {
        server = new FaultServer(behaviour);
        return Probes.run(probe(Probes.http(server.port(), url), url));
    }

    private String what(String path) {
        return "HTTP_GET http://127.0.0.1:" + server.port() + path;
    }

    static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void sendsKeepalivedsRequestByteForByte() throws Exception {
        get(Behaviour.RESPOND, Probes.url("/health"));
        assertThat(server.requests).containsExactly("GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\n"
                + "Host: 127.0.0.1:" + server.port() + "\r\n\r\n");
    }

    @Test
    void http11AddsConnectionCloseAndVirtualhostReplacesTheAddress() throws Exception {
        server = new FaultServer(Behaviour.RESPOND);
        UrlSpec url = Probes.url("/x?y=1");
        HttpGetSpec spec = HttpGetSpec.plain(Probes.policy(Probes.TIMEOUT), Probes.loopback(server.port()),
                HttpVersion.HTTP_1_1, Optional.of("www.example.com"), List.of(url), false);
        Probes.run(probe(spec, url));
        assertThat(server.requests).containsExactly("GET /x?y=1 HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\n"
                + "Connection: close\r\nHost: www.example.com\r\n\r\n");
    }

    @Test
    void theUrlVirtualhostWinsAndIpv6TargetsAreBracketed() throws Exception {
        UrlSpec plain = Probes.url("/");
        HttpGetSpec v6 = HttpGetSpec.plain(Probes.policy(Probes.TIMEOUT), dev.holdfast.healthcheck.spec.Connection.to(
                new InetSocketAddress(InetAddress.getByName("2001:db8::5"), 8080)), HttpVersion.HTTP_1_0C,
                Optional.empty(), List.of(plain), false);
        assertThat(HttpGetProbe.request(v6, plain)).isEqualTo("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\n"
                + "Connection: close\r\nHost: [2001:db8::5]:8080\r\n\r\n");
        UrlSpec hosted = new UrlSpec("/", Optional.empty(), StatusCodes.ANY_2XX, Optional.of("url.example"));
        HttpGetSpec withHost = HttpGetSpec.plain(v6.policy(), v6.connection(), HttpVersion.HTTP_1_0,
                Optional.of("checker.example"), List.of(hosted), false);
        assertThat(HttpGetProbe.request(withHost, hosted)).contains("Host: url.example\r\n");
    }

    @Test
    void passesOnAGoodResponseWithMatchingDigest() throws Exception {
        String body = "hello from the fault server\n";
        UrlSpec url = Probes.url("/health", Optional.of(md5(body)), StatusCodes.ANY_2XX);
        assertThat(get(Behaviour.RESPOND, url)).isEqualTo(CheckResult.passed(what("/health")
                + ": status 200, digest ok"));
    }

    @Test
    void failsOnADigestMismatch() throws Exception {
        UrlSpec url = Probes.url("/health", Optional.of(md5("something else")), StatusCodes.ANY_2XX);
        CheckResult result = get(Behaviour.RESPOND, url);
        assertThat(result).isInstanceOf(CheckResult.Failed.class);
        assertThat(result.reason()).startsWith(what("/health") + ": MD5 digest ")
                .endsWith("does not match " + md5("something else"));
    }

    @Test
    void theDigestCoversOnlyContentLengthBytes() throws Exception {
        server = new FaultServer(Behaviour.RESPOND);
        server.body = "exact";
        // the server announces 5 bytes and sends 5; a digest of the whole body must match
        UrlSpec url = Probes.url("/", Optional.of(md5("exact")), StatusCodes.ANY_2XX);
        assertThat(Probes.run(probe(Probes.http(server.port(), url), url)))
                .isInstanceOf(CheckResult.Passed.class);
    }

    @Test
    void theRegexCheckComesAfterStatusAndDigest() throws Exception {
        server = new FaultServer(Behaviour.RESPOND);
        UrlSpec matching = new UrlSpec("/", Optional.empty(), StatusCodes.ANY_2XX, Optional.empty(), Optional.of(
                new dev.holdfast.healthcheck.spec.BodyRegex("fault s.rver", false, java.util.Set.of(), 0,
                        java.util.OptionalLong.empty())));
        assertThat(Probes.run(probe(Probes.http(server.port(), matching), matching)))
                .isEqualTo(CheckResult.passed(what("/") + ": status 200, regex ok"));
        UrlSpec forbidden = new UrlSpec("/", Optional.empty(), StatusCodes.ANY_2XX, Optional.empty(), Optional.of(
                new dev.holdfast.healthcheck.spec.BodyRegex("fault", true, java.util.Set.of(), 0,
                        java.util.OptionalLong.empty())));
        assertThat(Probes.run(probe(Probes.http(server.port(), forbidden), forbidden)))
                .isEqualTo(CheckResult.failed(what("/") + ": body matches regex fault"));
    }

    @Test
    void failsWhenTheStatusIsNotInTheSet() throws Exception {
        server = new FaultServer(Behaviour.RESPOND);
        server.statusLine = "HTTP/1.0 503 Service Unavailable";
        UrlSpec url = Probes.url("/");
        assertThat(Probes.run(probe(Probes.http(server.port(), url), url)))
                .isEqualTo(CheckResult.failed(what("/") + ": status 503 not in 200-299"));
        UrlSpec accepts503 = Probes.url("/", Optional.empty(), StatusCodes.of(200, 503));
        assertThat(Probes.run(probe(Probes.http(server.port(), accepts503), accepts503)))
                .isInstanceOf(CheckResult.Passed.class);
    }

    @Test
    void aStalledServerFailsAtConnectTimeoutAndNoLater() throws Exception {
        Instant start = Instant.now();
        CheckResult result = get(Behaviour.STALL, Probes.url("/"));
        Duration took = Duration.between(start, Instant.now());
        assertThat(result).isEqualTo(CheckResult.failed(what("/") + ": read: timed out after 700ms"));
        assertThat(took).isBetween(Probes.TIMEOUT.minusMillis(50), Probes.TIMEOUT.plusMillis(1000));
    }

    @Test
    void aResetFails() throws Exception {
        CheckResult result = get(Behaviour.RESET, Probes.url("/"));
        assertThat(result).isInstanceOf(CheckResult.Failed.class);
        assertThat(result.reason()).startsWith(what("/") + ": ");
    }

    @Test
    void aResetAfterTheResponseFailsOrPassesButNeverHangs() throws Exception {
        // keepalived treats a read error as failure; whether the reset beats the data is up to the kernel
        assertThat(get(Behaviour.RESPOND_THEN_RESET, Probes.url("/"))).isNotNull();
    }

    @Test
    void garbageIsAMalformedStatusLine() throws Exception {
        assertThat(get(Behaviour.GARBAGE, Probes.url("/")))
                .isEqualTo(CheckResult.failed(what("/") + ": malformed status line not in 200-299"));
    }

    @Test
    void aPartialStatusLineIsNoData() throws Exception {
        assertThat(get(Behaviour.PARTIAL_STATUS_LINE, Probes.url("/"))).isEqualTo(CheckResult.failed(what("/")
                + ": no data received (no complete response head before end of stream)"));
    }

    @Test
    void aHeadWithoutItsBlankLineIsNoData() throws Exception {
        assertThat(get(Behaviour.HEAD_WITHOUT_END, Probes.url("/")).reason()).endsWith(": no data received "
                + "(no complete response head before end of stream)");
    }

    @Test
    void aConnectThatGetsNoAnswerFailsAtConnectTimeout() throws Exception {
        try (FullBacklog silent = new FullBacklog()) {
            UrlSpec url = Probes.url("/");
            Instant start = Instant.now();
            assertThat(Probes.run(probe(Probes.http(silent.port(), url), url)))
                    .isEqualTo(CheckResult.failed("HTTP_GET http://127.0.0.1:" + silent.port()
                            + "/: connect: timed out after 700ms"));
            assertThat(Duration.between(start, Instant.now())).isLessThan(Probes.TIMEOUT.plusMillis(1000));
        }
    }

    @Test
    void connectionRefusedIsAConnectFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = socket.getLocalPort();
        }
        UrlSpec url = Probes.url("/");
        assertThat(Probes.run(probe(Probes.http(port, url), url))).isEqualTo(CheckResult.failed(
                "HTTP_GET http://127.0.0.1:" + port + "/: connect: connection refused"));
    }

    @Test
    void aTricklingServerFailsAtConnectTimeoutThoughEveryReadIsQuick() throws Exception {
        // keepalived bounds each read, so it would wait for ever here; holdfast bounds the whole exchange
        Instant start = Instant.now();
        CheckResult result = get(Behaviour.TRICKLE, Probes.url("/"));
        assertThat(result).isEqualTo(CheckResult.failed(what("/") + ": read: timed out after 700ms"));
        assertThat(Duration.between(start, Instant.now())).isLessThan(Probes.TIMEOUT.plusMillis(1000));
    }

    @Test
    void aChunkedBodyIsDigestedAsItCameOverTheWireFramingIncluded() throws Exception {
        server = new FaultServer(Behaviour.CHUNKED);
        String raw = server.chunked();
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        UrlSpec url = Probes.url("/", Optional.of(md5(body)), StatusCodes.ANY_2XX);
        assertThat(Probes.run(probe(Probes.http(server.port(), url), url)))
                .isEqualTo(CheckResult.passed(what("/") + ": status 200, digest ok"));
        UrlSpec decoded = Probes.url("/", Optional.of(md5(server.body)), StatusCodes.ANY_2XX);
        assertThat(Probes.run(probe(Probes.http(server.port(), decoded), decoded)).reason())
                .contains("does not match");
    }

    @Test
    void aTwoGibibyteBodyIsStreamedIntoTheDigestNotHeld() throws Exception {
        server = new FaultServer(Behaviour.HUGE_BODY);
        // a wrong digest on purpose: the failure names the digest computed over all 2 GiB
        UrlSpec url = Probes.url("/huge", Optional.of("0".repeat(32)), StatusCodes.ANY_2XX);
        Duration timeout = Duration.ofMinutes(5);
        HttpGetSpec spec = HttpGetSpec.plain(Probes.policy(timeout), Probes.loopback(server.port()),
                HttpVersion.HTTP_1_0, Optional.empty(), List.of(url), false);
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans()
                .forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        CheckResult result = probe(spec, url).check().toCompletableFuture()
                .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        long peakHeap = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        assertThat(result.reason()).isEqualTo(what("/huge") + ": MD5 digest " + server.sentDigest
                + " does not match " + "0".repeat(32));
        System.out.printf("2 GiB body: peak heap during the check %d MiB%n", peakHeap >> 20);
        assertThat(peakHeap).as("peak heap while digesting 2 GiB").isLessThan(FaultServer.HUGE / 4);
    }
}
