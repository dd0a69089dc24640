package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.HttpVersion;
import dev.holdfast.healthcheck.spec.StatusCodes;
import dev.holdfast.healthcheck.spec.TlsSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;
import io.netty.channel.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSL_GET tls_compliant against nginx (TLS 1.2, so alert records show on the wire): a relay between the checker
 * and nginx records the TLS records the checker sends. keepalived's default is OpenSSL's quiet shutdown (no
 * close_notify); tls_compliant, on the checker or on the url, sends one.
 */
class TlsCompliantTest {
    private static final int ALERT = 21;

    private static NginxLoop env;
    private static EventLoop loop;
    private static Nginx nginx;

    @BeforeAll
    static void start() throws Exception {
        env = new NginxLoop();
        loop = env.loop;
        nginx = env.nginx;
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) {
            env.close();
        }
    }

    /** Runs one SSL_GET through the relay; returns the content types of the TLS records the checker sent. */
    private static List<Integer> recordsSent(boolean checkerCompliant, boolean urlCompliant) throws Exception {
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream fromChecker = new ByteArrayOutputStream();
            Thread relaying = new Thread(() -> relayOnce(relay, fromChecker), "tls-relay");
            relaying.start();
            UrlSpec url = new UrlSpec("/health", Optional.of(HttpGetProbeFaultTest.md5(Nginx.BODY)),
                    StatusCodes.ANY_2XX, Optional.empty(), Optional.empty(), urlCompliant);
            HttpGetSpec spec = new HttpGetSpec(Probes.policy(Probes.TIMEOUT.multipliedBy(3)),
                    Probes.loopback(relay.getLocalPort()), HttpVersion.HTTP_1_0, Optional.empty(), List.of(url),
                    false, Optional.of(new TlsSpec(false, Optional.empty(), Optional.empty(), checkerCompliant)));
            CheckResult result = Probes.run(new HttpGetProbe(spec, url, loop));
            assertThat(result).isInstanceOf(CheckResult.Passed.class);
            relaying.join(5000);
            assertThat(relaying.isAlive()).as("the checker closed its connection").isFalse();
            return recordTypes(fromChecker.toByteArray());
        }
    }

    private static void relayOnce(ServerSocket relay, ByteArrayOutputStream fromChecker) {
        try (Socket checker = relay.accept();
             Socket server = new Socket()) {
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), nginx.tls12Port()));
            Thread back = new Thread(() -> {
                pump(server, checker, null);
                try {
                    checker.shutdownOutput();
                } catch (IOException ignored) {
                    // the checker is gone already
                }
            }, "tls-relay-back");
            back.start();
            pump(checker, server, fromChecker);
            back.join(5000);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Copies until end of stream; a broken destination does not stop the recording of what the source sends. */
    private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
        byte[] buffer = new byte[16384];
        boolean forwarding = true;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (record != null) {
                    synchronized (record) {
                        record.write(buffer, 0, n);
                    }
                }
                if (forwarding) {
                    try {
                        out.write(buffer, 0, n);
                    } catch (IOException e) {
                        forwarding = false;
                    }
                }
            }
        } catch (IOException ignored) {
            // a reset ends the stream like a FIN here
        }
    }

    private static List<Integer> recordTypes(byte[] stream) {
        List<Integer> types = new ArrayList<>();
        int at = 0;
        while (at + 5 <= stream.length) {
            types.add(stream[at] & 0xff);
            at += 5 + (((stream[at + 3] & 0xff) << 8) | (stream[at + 4] & 0xff));
        }
        return types;
    }

    @Test
    void quietShutdownByDefaultSendsNoCloseNotify() throws Exception {
        assertThat(recordsSent(false, false)).isNotEmpty().doesNotContain(ALERT);
    }

    @Test
    void tlsCompliantOnTheCheckerEndsWithCloseNotify() throws Exception {
        List<Integer> types = recordsSent(true, false);
        assertThat(types).endsWith(ALERT);
    }

    @Test
    void tlsCompliantOnTheUrlEndsWithCloseNotify() throws Exception {
        assertThat(recordsSent(false, true)).endsWith(ALERT);
    }
}
