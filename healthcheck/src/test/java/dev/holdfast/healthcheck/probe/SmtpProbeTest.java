package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.spec.SmtpCheckSpec;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SMTP_CHECK against a scripted mail server. */
class SmtpProbeTest {
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

    /** Greets, then answers each command line from {@code replies} (by its first word); silent on unknown ones. */
    static final class MailServer implements AutoCloseable {
        final ServerSocket server = new ServerSocket();
        final List<String> received = new CopyOnWriteArrayList<>();

        MailServer(String greeting, Map<String, String> replies) throws IOException {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread thread = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    OutputStream out = socket.getOutputStream();
                    out.write(greeting.getBytes(StandardCharsets.ISO_8859_1));
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.ISO_8859_1));
                    String line;
                    while ((line = in.readLine()) != null) {
                        received.add(line);
                        String reply = replies.get(line.split(" ")[0]);
                        if (reply != null) {
                            out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                        }
                    }
                } catch (IOException e) {
                    // client gone
                }
            }, "mail-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private CheckResult check(MailServer server) throws Exception {
        return Probes.run(new SmtpProbe(new SmtpCheckSpec(Probes.policy(Probes.TIMEOUT),
                Probes.loopback(server.port()), "smtpchecker.keepalived.org"), loop));
    }

    @Test
    void aPoliteServerPasses() throws Exception {
        try (MailServer server = new MailServer("220 mail.example ESMTP\r\n",
                Map.of("HELO", "250 mail.example\r\n", "QUIT", "221 bye\r\n"))) {
            assertThat(check(server)).isInstanceOf(CheckResult.Passed.class);
            assertThat(server.received).containsExactly("HELO smtpchecker.keepalived.org", "QUIT");
        }
    }

    @Test
    void aBadGreetingFails() throws Exception {
        try (MailServer server = new MailServer("554 go away\r\n", Map.of())) {
            assertThat(check(server)).isEqualTo(CheckResult.failed("SMTP_CHECK 127.0.0.1:" + server.port()
                    + ": bad greeting \"554 go away\" (expected 220)"));
        }
    }

    @Test
    void aRefusedHeloFails() throws Exception {
        try (MailServer server = new MailServer("220 hi\r\n", Map.of("HELO", "501 no\r\n"))) {
            assertThat(check(server).reason()).endsWith(": bad HELO response \"501 no\" (expected 250)");
        }
    }

    @Test
    void aServerThatNeverAnswersHeloFailsAtTheTimeout() throws Exception {
        try (MailServer server = new MailServer("220 hi\r\n", Map.of())) {
            assertThat(check(server).reason()).endsWith(": read: timed out after 700ms");
        }
    }

    @ParameterizedTest
    @CsvSource({"220 ok, 220", "220, 220", "220-more, -1", "22, -1", "2200 x, -1", "abc, -1", "'', -1"})
    void replyCodesFollowKeepalived(String line, int code) {
        assertThat(SmtpProbe.status(line)).isEqualTo(code);
    }
}
