package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.spec.Connection;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.HttpVersion;
import dev.holdfast.healthcheck.spec.StatusCodes;
import dev.holdfast.healthcheck.spec.UrlSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Builders and a bounded wait shared by the probe tests. */
final class Probes {
    static final Duration TIMEOUT = Duration.ofMillis(700);

    private Probes() {
    }

    static Connection loopback(int port) {
        return Connection.to(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    static CheckPolicy policy(Duration connectTimeout) {
        return new CheckPolicy(1, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ZERO, false, connectTimeout);
    }

    static UrlSpec url(String path, Optional<String> digest, StatusCodes codes) {
        return new UrlSpec(path, digest, codes, Optional.empty());
    }

    static UrlSpec url(String path) {
        return url(path, Optional.empty(), StatusCodes.ANY_2XX);
    }

    static HttpGetSpec http(int port, UrlSpec url) {
        return HttpGetSpec.plain(policy(TIMEOUT), loopback(port), HttpVersion.HTTP_1_0, Optional.empty(),
                List.of(url), false);
    }

    /** Runs one check and insists it finishes well within the probe's own timeout plus a scheduling margin. */
    static CheckResult run(Probe probe) throws Exception {
        return probe.check().toCompletableFuture().get(TIMEOUT.toMillis() + 2000, TimeUnit.MILLISECONDS);
    }
}
