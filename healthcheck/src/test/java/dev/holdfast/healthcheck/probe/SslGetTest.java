package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.HttpVersion;
import dev.holdfast.healthcheck.spec.StatusCodes;
import dev.holdfast.healthcheck.spec.TlsSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SSL_GET against nginx with a self-signed certificate, and against servers that do not speak TLS. */
class SslGetTest {
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

    private static HttpGetSpec ssl(int port, UrlSpec url, TlsSpec tls) {
        return new HttpGetSpec(Probes.policy(Probes.TIMEOUT), Probes.loopback(port), HttpVersion.HTTP_1_0,
                Optional.empty(), List.of(url), false, Optional.of(tls));
    }

    private static final TlsSpec NO_SNI = new TlsSpec(false, Optional.empty(), Optional.empty());

    @Test
    void passesAgainstASelfSignedCertificateWithTheBodyDigest() throws Exception {
        UrlSpec url = Probes.url("/health", Optional.of(HttpGetProbeFaultTest.md5(Nginx.BODY)), StatusCodes.ANY_2XX);
        CheckResult result = Probes.run(new HttpGetProbe(ssl(nginx.tlsPort(), url, NO_SNI), url, loop));
        assertThat(result).isEqualTo(CheckResult.passed("SSL_GET https://127.0.0.1:" + nginx.tlsPort()
                + "/health: status 200, digest ok"));
    }

    @Test
    void sendsTheSniNameInKeepalivedsOrder() throws Exception {
        UrlSpec byUrl = new UrlSpec("/name", Optional.of(HttpGetProbeFaultTest.md5("url.example")),
                StatusCodes.ANY_2XX, Optional.of("url.example"));
        TlsSpec fallbackOnly = new TlsSpec(true, Optional.empty(), Optional.of("checker.example"));
        assertThat(Probes.run(new HttpGetProbe(ssl(nginx.tlsPort(), byUrl, fallbackOnly), byUrl, loop)))
                .isInstanceOf(CheckResult.Passed.class);

        UrlSpec explicit = new UrlSpec("/name", Optional.of(HttpGetProbeFaultTest.md5("sni.example")),
                StatusCodes.ANY_2XX, Optional.of("url.example"));
        TlsSpec sniName = new TlsSpec(true, Optional.of("sni.example"), Optional.of("checker.example"));
        assertThat(Probes.run(new HttpGetProbe(ssl(nginx.tlsPort(), explicit, sniName), explicit, loop)))
                .isInstanceOf(CheckResult.Passed.class);

        UrlSpec none = new UrlSpec("/name", Optional.of(HttpGetProbeFaultTest.md5("")), StatusCodes.ANY_2XX,
                Optional.of("url.example"));
        assertThat(Probes.run(new HttpGetProbe(ssl(nginx.tlsPort(), none, NO_SNI), none, loop)))
                .as("no SNI without enable_sni").isInstanceOf(CheckResult.Passed.class);
    }

    @Test
    void aPlainHttpServerFailsTheHandshake() throws Exception {
        UrlSpec url = Probes.url("/");
        CheckResult result = Probes.run(new HttpGetProbe(ssl(nginx.port(), url, NO_SNI), url, loop));
        assertThat(result).isInstanceOf(CheckResult.Failed.class);
        assertThat(result.reason()).startsWith("SSL_GET https://127.0.0.1:" + nginx.port() + "/: ");
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeFailsAtConnectTimeout() throws Exception {
        try (FaultServer server = new FaultServer(FaultServer.Behaviour.STALL)) {
            UrlSpec url = Probes.url("/");
            Instant start = Instant.now();
            CheckResult result = Probes.run(new HttpGetProbe(ssl(server.port(), url, NO_SNI), url, loop));
            assertThat(result).isInstanceOf(CheckResult.Failed.class);
            assertThat(result.reason()).contains("timed out");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Probes.TIMEOUT.plusMillis(1000));
        }
    }
}
