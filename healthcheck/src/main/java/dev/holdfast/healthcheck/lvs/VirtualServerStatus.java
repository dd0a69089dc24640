package dev.holdfast.healthcheck.lvs;

import dev.holdfast.healthcheck.checker.Checker;
import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.FailureKind;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An immutable picture of one virtual server, safe to hand to other threads: for status pages, metrics and
 * "why is this server out of the pool" answers.
 */
public record VirtualServerStatus(ServiceAddress service, boolean quorumUp, boolean sorryServerActive,
                                  long liveWeight, long quorum, long hysteresis, List<RealServerStatus> realServers) {

    public VirtualServerStatus {
        realServers = List.copyOf(realServers);
    }

    /** One real server: its state, its weight and every checker's latest word. */
    public record RealServerStatus(InetAddress address, int port, boolean alive, long weight, long effectiveWeight,
                                   int failedCheckers, List<CheckerStatus> checkers) {
        public RealServerStatus {
            checkers = List.copyOf(checkers);
        }
    }

    /**
     * One checker.
     *
     * @param lastResult the latest result with its reason, empty before the first check
     * @param probedBy   the checker of another virtual server whose probe results this one takes (an identical
     *                   probe, run once), empty when it probes itself
     */
    public record CheckerStatus(String name, boolean up, boolean hasRun, long weight, Optional<CheckResult> lastResult,
                                Optional<Instant> lastResultAt, long checks, long failures,
                                java.time.Duration checkTime, java.util.Map<FailureKind, Long> failuresByKind,
                                Optional<String> probedBy) {
        public CheckerStatus(String name, boolean up, boolean hasRun, long weight, Optional<CheckResult> lastResult,
                             Optional<Instant> lastResultAt, long checks, long failures,
                             java.time.Duration checkTime, java.util.Map<FailureKind, Long> failuresByKind) {
            this(name, up, hasRun, weight, lastResult, lastResultAt, checks, failures, checkTime, failuresByKind,
                    Optional.empty());
        }

        static CheckerStatus of(Checker checker) {
            return new CheckerStatus(checker.name(), checker.isUp(), checker.hasRun(), checker.weight(),
                    checker.lastResult(), checker.lastResultAt(), checker.checks(), checker.failures(),
                    checker.checkTime(), checker.failuresByKind(), checker.probedBy());
        }
    }

    static VirtualServerStatus of(VirtualServer vs) {
        List<RealServerStatus> servers = vs.realServers().stream().map(rs -> new RealServerStatus(
                rs.spec().address(), rs.spec().port(), rs.alive(), rs.weight(), rs.effectiveWeight(),
                rs.failedCheckers(), rs.checkers().stream().map(CheckerStatus::of).toList())).toList();
        return new VirtualServerStatus(vs.service(), vs.quorumUp(), vs.sorryServerActive(), vs.liveWeight(),
                vs.spec().quorum(), vs.spec().hysteresis(), servers);
    }
}
