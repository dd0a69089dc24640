package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.spec.Connection;
import dev.holdfast.healthcheck.spec.PingCheckSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PingProbeTest {
    private final ExecutorService blocking = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        blocking.shutdownNow();
    }

    /** The probe under test; {@link PlainPingProbeTest} runs every case on the socket loop. */
    PingProbe probe(PingCheckSpec spec) {
        return new PingProbe(spec, blocking);
    }

    CheckResult ping(String address, Duration timeout) throws Exception {
        PingCheckSpec spec = new PingCheckSpec(Probes.policy(timeout),
                Connection.to(new InetSocketAddress(InetAddress.getByName(address), 0)));
        return probe(spec).check().toCompletableFuture().get(timeout.toMillis() + 3000,
                TimeUnit.MILLISECONDS);
    }

    @Test
    void loopbackAnswers() throws Exception {
        assertThat(ping("127.0.0.1", Duration.ofSeconds(1))).isEqualTo(CheckResult.passed(
                "PING_CHECK 127.0.0.1: echo answered"));
    }

    @Test
    void ipv6LoopbackAnswers() throws Exception {
        assertThat(ping("::1", Duration.ofSeconds(1))).isEqualTo(CheckResult.passed("PING_CHECK ::1: echo answered"));
    }

    @Test
    void aSilentAddressFailsWithinTheTimeout() throws Exception {
        Instant start = Instant.now();
        CheckResult result = ping("203.0.113.7", Duration.ofMillis(400));
        assertThat(result).isInstanceOf(CheckResult.Failed.class);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(1900));
    }
}
