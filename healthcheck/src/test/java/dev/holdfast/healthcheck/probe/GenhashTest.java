package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.genhash.Genhash;
import dev.holdfast.healthcheck.genhash.GenhashRequest;
import dev.holdfast.healthcheck.spec.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * holdfast genhash against Debian's genhash (keepalived 2.2.7) on the same pages of a real nginx and of the fault
 * server: same digest, same output. Outside CI a machine without genhash or nginx skips; under CI=true they must
 * be there.
 */
class GenhashTest {
    private static final Path GENHASH = Path.of("/usr/bin/genhash");
    private static Nginx nginx;

    @BeforeAll
    static void start() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci && !Files.isExecutable(GENHASH)) {
            throw new AssertionError("CI=true but " + GENHASH + " is missing (apt-get install keepalived)");
        }
        Assumptions.assumeTrue(Files.isExecutable(GENHASH), GENHASH + " not found: skipping the genhash comparison "
                + "(apt-get install keepalived to run it)");
        nginx = Nginx.start();
        Files.writeString(nginx.root().resolve("big.html"), "<html>" + "x".repeat(300_000) + "</html>\n");
    }

    @AfterAll
    static void stop() throws IOException {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void sameDigestAsGenhashOnNginxPages() throws Exception {
        for (String path : List.of("/health", "/down", "/moved", "/missing", "/big.html")) {
            assertSameOutput(List.of("-s", "127.0.0.1", "-p", "" + nginx.port(), "-u", path));
        }
        String ok = holdfast(List.of("-s", "127.0.0.1", "-p", "" + nginx.port(), "-u", "/health")).out;
        assertThat(ok).isEqualTo(md5(Nginx.BODY) + "\n");
    }

    @Test
    void protocolAndVirtualhostOptionsAsGenhash() throws Exception {
        for (String version : List.of("1.0", "1.0c", "1.1")) {
            assertSameOutput(List.of("-s", "127.0.0.1", "-p", "" + nginx.port(), "-u", "/health", "-P", version,
                    "-V", "pages.example", "-t", "5"));
        }
    }

    @Test
    void sslWithAndWithoutSniAsGenhash() throws Exception {
        assertSameOutput(List.of("-S", "-s", "127.0.0.1", "-p", "" + nginx.tlsPort(), "-u", "/health"));
        Result named = assertSameOutput(List.of("-S", "-I", "-V", "sni.example", "-s", "127.0.0.1", "-p",
                "" + nginx.tlsPort(), "-u", "/name"));
        assertThat(named.out).isEqualTo(md5("sni.example") + "\n");
    }

    @Test
    void verboseOutputIsGenhashsByteForByteButTheResponseTime() throws Exception {
        try (FaultServer server = new FaultServer(FaultServer.Behaviour.RESPOND)) {
            server.body = "a body of some length, with\ttabs and \u00e9 and more than sixteen bytes\n";
            List<String> args = List.of("-v", "-s", "127.0.0.1", "-p", "" + server.port(), "-u", "/v");
            Result theirs = genhash(args);
            Result ours = holdfast(args);
            assertThat(withoutTime(ours.out)).isEqualTo(withoutTime(theirs.out));
            assertThat(ours.out).contains("-----------------------[ HTML hash final resulting ]");
        }
    }

    @Test
    void aRefusedConnectionSaysSoAsGenhashButExitsOne() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        List<String> args = List.of("-s", "127.0.0.1", "-p", "" + closed, "-u", "/");
        Result ours = holdfast(args);
        assertThat(ours.out).isEqualTo(genhash(args).out).isEqualTo("Connection failed\n");
        assertThat(ours.exit).isEqualTo(1);
        assertThat(ours.err).startsWith("holdfast genhash: 127.0.0.1:" + closed + ": connection refused");
    }

    @Test
    void aStalledServerEndsAtTheTimeout() throws Exception {
        try (FaultServer server = new FaultServer(FaultServer.Behaviour.STALL)) {
            Result ours = holdfast(List.of("-t", "1", "-s", "127.0.0.1", "-p", "" + server.port(), "-u", "/"));
            assertThat(ours.out).isEqualTo("Timeout HTTP read\n");
            assertThat(ours.exit).isEqualTo(1);
        }
    }

    private static Result assertSameOutput(List<String> args) throws Exception {
        Result theirs = genhash(args);
        Result ours = holdfast(args);
        assertThat(ours.out).as("holdfast genhash %s", args).isEqualTo(theirs.out);
        assertThat(ours.out).matches("[0-9a-f]{32}\n");
        assertThat(ours.exit).isZero();
        return ours;
    }

    private static String withoutTime(String output) {
        return output.replaceAll("= \\d+ usecs", "= N usecs");
    }

    private static String md5(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private record Result(String out, String err, int exit) {
    }

    private static Result genhash(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(GENHASH.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(new String(out, StandardCharsets.ISO_8859_1), new String(err, StandardCharsets.ISO_8859_1),
                process.exitValue());
    }

    /** The same options through the healthcheck side of holdfast genhash (the CLI only parses them). */
    private static Result holdfast(List<String> args) throws Exception {
        String server = null;
        int port = 0;
        String path = null;
        String host = null;
        HttpVersion version = HttpVersion.HTTP_1_0;
        Optional<Duration> timeout = Optional.empty();
        boolean tls = false;
        boolean sni = false;
        boolean verbose = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "-s" -> server = args.get(++i);
                case "-p" -> port = Integer.parseInt(args.get(++i));
                case "-u" -> path = args.get(++i);
                case "-V" -> host = args.get(++i);
                case "-t" -> timeout = Optional.of(Duration.ofSeconds(Long.parseLong(args.get(++i))));
                case "-P" -> version = switch (args.get(++i)) {
                    case "1.0c" -> HttpVersion.HTTP_1_0C;
                    case "1.1" -> HttpVersion.HTTP_1_1;
                    default -> HttpVersion.HTTP_1_0;
                };
                case "-S" -> tls = true;
                case "-I" -> sni = true;
                case "-v" -> verbose = true;
                default -> throw new IllegalArgumentException(args.get(i));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
             PrintStream e = new PrintStream(err, true, StandardCharsets.ISO_8859_1)) {
            exit = new Genhash(o, e, System::nanoTime).run(new GenhashRequest(
                    new InetSocketAddress(InetAddress.getByName(server), port), path, tls, sni,
                    Optional.ofNullable(host), version, timeout, verbose));
        }
        return new Result(out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1), exit);
    }
}
