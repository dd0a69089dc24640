package dev.holdfast.healthcheck.checker;

import java.time.Instant;
import java.util.Optional;

/**
 * One health checker of one real server: runs its probe on a schedule and reports up/down transitions. All
 * methods must be called on the scheduler thread.
 */
public interface Checker {

    /** For logs: "TCP_CHECK [10.0.0.5]:tcp:80". */
    String name();

    boolean isUp();

    boolean hasRun();

    /** The latest probe result (or tracked-file value), the "why" of the current state. */
    Optional<CheckResult> lastResult();

    /** When the latest result arrived. */
    Optional<Instant> lastResultAt();

    /** Results seen since start, for metrics. */
    long checks();

    /** Failed results seen since start, for metrics. */
    long failures();

    /** Time spent in checks since start (from a check's start to its result), for metrics. */
    default java.time.Duration checkTime() {
        return java.time.Duration.ZERO;
    }

    /** Failed results since start by kind, for metrics; kinds never seen are absent. */
    default java.util.Map<FailureKind, Long> failuresByKind() {
        return java.util.Map.of();
    }

    /** The checker whose probe results this one takes (see {@link SharedProbes}); empty: it probes itself. */
    default Optional<String> probedBy() {
        return Optional.empty();
    }

    /** This checker's current contribution to its real server's weight. */
    long weight();

    /** Schedules the first check at the bootstrap delay plus a random part of warmup. */
    void start();

    /** Stops scheduling; a check in flight is ignored when it completes. */
    void stop();

    /** ha_suspend: a disabled checker keeps its state and only reschedules itself every delay_loop. */
    void setEnabled(boolean enabled);
}
