package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.spec.PingCheckSpec;
import dev.holdfast.healthcheck.spec.TextualAddress;
import dev.holdfast.healthcheck.socket.SocketLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * PING_CHECK. On the socket loop (the daemon), as keepalived does it: one ICMP echo request on a socket of the
 * checker's own (fwmark, bind_if and bindto applied), passing on the matching reply within connect_timeout.
 * Without one (tests' Netty wiring), through the JDK's {@link InetAddress#isReachable}, which blocks and so runs
 * on the given executor.
 */
public final class PingProbe implements Probe {
    private final PingCheckSpec spec;
    private final Executor blocking;
    private final SocketLoop sockets;
    private final PlainDial dial;
    private final String what;
    private final CheckResult passed;
    private final int id = java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 16);
    private int sequence;

    public PingProbe(PingCheckSpec spec, Executor blocking) {
        this(spec, Objects.requireNonNull(blocking, "blocking"), null, null);
    }

    private PingProbe(PingCheckSpec spec, Executor blocking, SocketLoop sockets, PlainDial dial) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.blocking = blocking;
        this.sockets = sockets;
        this.dial = dial;
        this.what = "PING_CHECK " + TextualAddress.of(spec.connection().target().getAddress());
        this.passed = CheckResult.passed(what + ": echo answered");
    }

    /** The probe on the socket loop's own ICMP sockets, or empty when the connection needs Java's. */
    public static java.util.Optional<PingProbe> onSocketLoop(PingCheckSpec spec, SocketLoop sockets) {
        PlainDial dial = PlainDial.of(spec.connection());
        return dial == null ? java.util.Optional.empty()
                : java.util.Optional.of(new PingProbe(spec, null, Objects.requireNonNull(sockets), dial));
    }

    @Override
    public CompletionStage<CheckResult> check() {
        if (sockets != null) {
            int next = sequence = (sequence + 1) & 0xffff;
            long timeout = Math.max(1, spec.policy().connectTimeout().toNanos());
            return OnLoop.call(sockets, () -> new PlainPing(sockets, id, next).start(dial, timeout))
                    .thenApply(failure -> failure == null ? passed
                            : failure == PlainPing.TIMED_OUT ? CheckResult.failed(what + ": no echo reply within "
                                    + ConnectFailure.seconds(spec.policy().connectTimeout()))
                            : CheckResult.failed(what + ": " + ConnectFailure.describe(failure,
                                    spec.policy().connectTimeout())));
        }
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
