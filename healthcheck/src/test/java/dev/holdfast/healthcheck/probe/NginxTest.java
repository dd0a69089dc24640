package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.spec.StatusCodes;
import dev.holdfast.healthcheck.spec.UrlSpec;
import io.netty.channel.EventLoop;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TCP_CHECK and HTTP_GET against a real nginx on 127.0.0.1. */
class NginxTest {
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

    private CheckResult get(UrlSpec url) throws Exception {
        return Probes.run(new HttpGetProbe(Probes.http(nginx.port(), url), url, loop));
    }

    @Test
    void tcpCheckPasses() throws Exception {
        assertThat(Probes.run(new TcpProbe(Probes.loopback(nginx.port()), Probes.TIMEOUT, loop)))
                .isInstanceOf(CheckResult.Passed.class);
    }

    @Test
    void healthPagePassesWithItsGenhashDigest() throws Exception {
        String digest = HttpGetProbeFaultTest.md5(Nginx.BODY);
        assertThat(get(Probes.url("/health", Optional.of(digest), StatusCodes.ANY_2XX)))
                .isEqualTo(CheckResult.passed("HTTP_GET http://127.0.0.1:" + nginx.port()
                        + "/health: status 200, digest ok"));
    }

    @Test
    void aChangedPageFailsItsDigest() throws Exception {
        String digest = HttpGetProbeFaultTest.md5("yesterday's page");
        assertThat(get(Probes.url("/health", Optional.of(digest), StatusCodes.ANY_2XX)).reason())
                .contains("MD5 digest " + HttpGetProbeFaultTest.md5(Nginx.BODY) + " does not match " + digest);
    }

    @Test
    void statusCodesDecide() throws Exception {
        assertThat(get(Probes.url("/missing")).reason()).endsWith("/missing: status 404 not in 200-299");
        assertThat(get(Probes.url("/down")).reason()).endsWith("/down: status 503 not in 200-299");
        assertThat(get(Probes.url("/down", Optional.empty(), StatusCodes.of(503))))
                .isInstanceOf(CheckResult.Passed.class);
        assertThat(get(Probes.url("/moved"))).isInstanceOf(CheckResult.Failed.class);
        assertThat(get(Probes.url("/moved", Optional.empty(), new StatusCodes(java.util.List.of(
                new StatusCodes.Range(300, 399)))))).isInstanceOf(CheckResult.Passed.class);
    }
}
