package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.spec.PingCheckSpec;
import dev.holdfast.healthcheck.spec.TextualAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * PING_CHECK through the JDK's {@link InetAddress#isReachable}: an ICMP echo when the process may open raw
 * sockets (root, as the director runs), otherwise a TCP probe of the echo port, where even a refusal proves the
 * host is up. The JDK call blocks, so it runs on the given executor, never on the event loop.
 */
public final class PingProbe implements Probe {
    private final PingCheckSpec spec;
    private final Executor blocking;
    private final String what;

    public PingProbe(PingCheckSpec spec, Executor blocking) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.what = "PING_CHECK " + TextualAddress.of(spec.connection().target().getAddress());
    }

    @Override
    public CompletionStage<CheckResult> check() {
        InetAddress target = spec.connection().target().getAddress();
        int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, spec.policy().connectTimeout().toMillis()));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return target.isReachable(timeoutMillis)
                        ? CheckResult.passed(what + ": echo answered")
                        : CheckResult.failed(what + ": no echo reply within "
                                + ConnectFailure.seconds(spec.policy().connectTimeout()));
            } catch (IOException e) {
                return CheckResult.failed(what + ": " + ConnectFailure.describe(e, spec.policy().connectTimeout()));
            }
        }, blocking);
    }
}
