package dev.holdfast.healthcheck.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckerReport.Kind;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Every rule of keepalived's checker state machine (inventory D.2), on a manual clock. */
class ProbeCheckerTest {
    private static final Duration DELAY_LOOP = Duration.ofSeconds(6);
    private static final Duration DELAY_BEFORE_RETRY = Duration.ofSeconds(2);

    private final ManualScheduler clock = new ManualScheduler();
    private final Instant t0 = clock.now();
    private final List<CheckerReport> reports = new ArrayList<>();

    private static CheckPolicy policy(long retry, boolean alpha, Duration warmup) {
        return new CheckPolicy(retry, DELAY_BEFORE_RETRY, DELAY_LOOP, warmup, alpha, Duration.ofSeconds(3));
    }

    private ProbeChecker checker(CheckPolicy policy, Probe probe) {
        return new ProbeChecker("TCP_CHECK [10.0.0.5]:tcp:80", policy, probe, clock, new FixedRandom(0),
                (c, r) -> reports.add(r));
    }

    private long secondsSinceStart(Instant at) {
        return Duration.between(t0, at).toSeconds();
    }

    @Test
    void firstCheckRunsAfterBootstrapDelayPlusRandomWarmup() {
        ScriptedProbe probe = ScriptedProbe.passing(clock);
        ProbeChecker checker = new ProbeChecker("c", policy(1, false, Duration.ofSeconds(10)), probe, clock,
                new FixedRandom(0.5), (c, r) -> reports.add(r));
        checker.start();
        clock.advance(Duration.ofMillis(5999));
        assertThat(probe.calls()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(probe.calls()).containsExactly(t0.plusSeconds(6));
    }

    @Test
    void warmupZeroMeansOnlyTheBootstrapDelay() {
        ScriptedProbe probe = ScriptedProbe.passing(clock);
        checker(policy(1, false, Duration.ZERO), probe).start();
        clock.advanceSeconds(1);
        assertThat(probe.calls()).containsExactly(t0.plusSeconds(1));
    }

    @Test
    void warmupJitterNeverExceedsWarmup() {
        ScriptedProbe probe = ScriptedProbe.passing(clock);
        new ProbeChecker("c", policy(1, false, Duration.ofSeconds(4)), probe, clock, new FixedRandom(1.0),
                (c, r) -> { }).start();
        clock.advanceSeconds(5);
        assertThat(probe.calls()).containsExactly(t0.plusSeconds(5));
    }

    @Test
    void coldStartFirstFailureMarksTheCheckerDownAtOnceDespiteRetries() {
        ScriptedProbe probe = ScriptedProbe.failing(clock);
        ProbeChecker checker = checker(policy(3, false, Duration.ZERO), probe);
        checker.start();
        clock.advanceSeconds(1);
        assertThat(checker.isUp()).isFalse();
        assertThat(reports).containsExactly(new CheckerReport(Kind.TRANSITION, false, 0,
                "TCP connect to 10.0.0.5:80: connection refused"));
        // and the next check comes after delay_loop, not delay_before_retry
        clock.advanceSeconds(6);
        assertThat(probe.calls()).extracting(this::secondsSinceStart).containsExactly(1L, 7L);
        assertThat(reports).hasSize(1);
    }

    @Test
    void coldStartSuccessConfirmsUpWithoutATransition() {
        ScriptedProbe probe = ScriptedProbe.passing(clock);
        ProbeChecker checker = checker(policy(1, false, Duration.ZERO), probe);
        checker.start();
        clock.advanceSeconds(1);
        assertThat(checker.isUp()).isTrue();
        assertThat(checker.hasRun()).isTrue();
        assertThat(reports).extracting(CheckerReport::kind).containsExactly(Kind.FIRST_RESULT);
        clock.advanceSeconds(12);
        assertThat(probe.calls()).extracting(this::secondsSinceStart).containsExactly(1L, 7L, 13L);
        assertThat(reports).hasSize(1);
    }

    @Test
    void anUpCheckerNeedsRetryPlusOneConsecutiveFailuresSpacedByDelayBeforeRetry() {
        ScriptedProbe probe = ScriptedProbe.passing(clock);
        ProbeChecker checker = checker(policy(2, false, Duration.ZERO), probe);
        checker.start();
        clock.advanceSeconds(1); // t=1 pass
        probe.fail();
        clock.advanceSeconds(6); // t=7 fail, retry 1/2
        assertThat(checker.isUp()).isTrue();
        assertThat(checker.retryIteration()).isEqualTo(1);
        clock.advanceSeconds(2); // t=9 fail, retry 2/2
        assertThat(checker.isUp()).isTrue();
        clock.advanceSeconds(2); // t=11 third failure: down
        assertThat(checker.isUp()).isFalse();
        assertThat(checker.retryIteration()).isZero();
        assertThat(reports).last().isEqualTo(new CheckerReport(Kind.TRANSITION, false, 0,
                "TCP connect to 10.0.0.5:80: connection refused"));
        clock.advanceSeconds(6); // t=17 next regular check
        assertThat(probe.calls()).extracting(this::secondsSinceStart).containsExactly(1L, 7L, 9L, 11L, 17L);
    }

    @Test
    void retryZeroTakesAnUpCheckerDownOnTheFirstFailure() {
        ScriptedProbe probe = ScriptedProbe.passing(clock);
        ProbeChecker checker = checker(policy(0, false, Duration.ZERO), probe);
        checker.start();
        clock.advanceSeconds(1);
        probe.fail();
        clock.advanceSeconds(6);
        assertThat(checker.isUp()).isFalse();
        clock.advanceSeconds(6);
        assertThat(probe.calls()).extracting(this::secondsSinceStart).containsExactly(1L, 7L, 13L);
    }

    @Test
    void aSuccessDuringRetriesResetsTheRetryCounter() {
        ScriptedProbe probe = ScriptedProbe.passing(clock);
        ProbeChecker checker = checker(policy(1, false, Duration.ZERO), probe);
        checker.start();
        clock.advanceSeconds(1); // pass
        probe.fail();
        clock.advanceSeconds(6); // t=7 fail 1 (retry)
        probe.pass();
        clock.advanceSeconds(2); // t=9 pass, counter back to 0
        assertThat(checker.retryIteration()).isZero();
        probe.fail();
        clock.advanceSeconds(6); // t=15 fail 1 again: still up
        assertThat(checker.isUp()).isTrue();
        clock.advanceSeconds(2); // t=17 fail 2: down
        assertThat(checker.isUp()).isFalse();
        assertThat(reports).extracting(CheckerReport::kind).containsExactly(Kind.FIRST_RESULT, Kind.TRANSITION);
    }

    @Test
    void failuresWhileDownChangeNothingAndFollowDelayLoop() {
        ScriptedProbe probe = ScriptedProbe.failing(clock);
        ProbeChecker checker = checker(policy(5, false, Duration.ZERO), probe);
        checker.start();
        clock.advanceSeconds(1 + 6 * 3);
        assertThat(checker.isUp()).isFalse();
        assertThat(reports).hasSize(1);
        assertThat(probe.calls()).extracting(this::secondsSinceStart).containsExactly(1L, 7L, 13L, 19L);
    }

    @Test
    void aDownCheckerComesBackOnTheFirstSuccess() {
        ScriptedProbe probe = ScriptedProbe.failing(clock);
        ProbeChecker checker = checker(policy(1, false, Duration.ZERO), probe);
        checker.start();
        clock.advanceSeconds(1);
        probe.pass();
        clock.advanceSeconds(6);
        assertThat(checker.isUp()).isTrue();
        assertThat(reports).extracting(CheckerReport::kind, CheckerReport::up)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.TRANSITION, false),
                        org.assertj.core.groups.Tuple.tuple(Kind.TRANSITION, true));
        // and it is a normal up checker again: retries apply
        probe.fail();
        clock.advanceSeconds(6);
        assertThat(checker.isUp()).isTrue();
    }

    @Test
    void alphaStartsDownAndAFirstFailureOnlyConfirmsIt() {
        ScriptedProbe probe = ScriptedProbe.failing(clock);
        ProbeChecker checker = checker(policy(3, true, Duration.ZERO), probe);
        assertThat(checker.isUp()).isFalse();
        checker.start();
        clock.advanceSeconds(1);
        assertThat(checker.isUp()).isFalse();
        assertThat(reports).extracting(CheckerReport::kind, CheckerReport::up)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.FIRST_RESULT, false));
        clock.advanceSeconds(6);
        assertThat(reports).hasSize(1);
    }

    @Test
    void alphaCheckerGoesUpOnItsFirstSuccess() {
        ScriptedProbe probe = ScriptedProbe.passing(clock);
        ProbeChecker checker = checker(policy(3, true, Duration.ZERO), probe);
        checker.start();
        clock.advanceSeconds(1);
        assertThat(checker.isUp()).isTrue();
        assertThat(reports).extracting(CheckerReport::kind, CheckerReport::up)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.TRANSITION, true));
    }

    @Test
    void aSuspendedCheckerDoesNotProbeAndKeepsItsStateRescheduledEveryDelayLoop() {
        ScriptedProbe probe = ScriptedProbe.passing(clock);
        ProbeChecker checker = checker(policy(1, false, Duration.ZERO), probe);
        checker.start();
        clock.advanceSeconds(1);
        checker.setEnabled(false);
        probe.fail();
        clock.advanceSeconds(60);
        assertThat(probe.calls()).hasSize(1);
        assertThat(checker.isUp()).isTrue();
        checker.setEnabled(true);
        clock.advanceSeconds(6); // the rescheduling never stopped: next slot is t=67
        assertThat(probe.calls()).extracting(this::secondsSinceStart).containsExactly(1L, 67L);
    }

    @Test
    void dynamicWeightIsReportedWhenItChangesAndDroppedWhenTheCheckerGoesDown() {
        ScriptedProbe probe = ScriptedProbe.passing(clock);
        ProbeChecker checker = checker(policy(0, false, Duration.ZERO), probe);
        checker.start();
        clock.advanceSeconds(1);
        probe.pass(5);
        clock.advanceSeconds(6);
        assertThat(checker.weight()).isEqualTo(5);
        clock.advanceSeconds(6); // same weight: nothing to report
        probe.fail();
        clock.advanceSeconds(6);
        assertThat(checker.weight()).isZero();
        assertThat(reports).extracting(CheckerReport::kind, CheckerReport::weight).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.FIRST_RESULT, 0L),
                org.assertj.core.groups.Tuple.tuple(Kind.WEIGHT, 5L),
                org.assertj.core.groups.Tuple.tuple(Kind.TRANSITION, 0L));
    }

    @Test
    void stopCancelsTheScheduleAndIgnoresACheckInFlight() {
        CompletableFuture<CheckResult> inFlight = new CompletableFuture<>();
        List<Instant> calls = new ArrayList<>();
        Probe probe = () -> {
            calls.add(clock.now());
            return inFlight;
        };
        ProbeChecker checker = checker(policy(1, false, Duration.ZERO), probe);
        checker.start();
        clock.advanceSeconds(1);
        checker.stop();
        inFlight.complete(CheckResult.failed("late"));
        clock.advanceSeconds(60);
        assertThat(calls).hasSize(1);
        assertThat(reports).isEmpty();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void aProbeThatThrowsCountsAsAFailureWithItsMessage() {
        Probe probe = () -> CompletableFuture.failedFuture(new java.io.IOException("Network is unreachable"));
        ProbeChecker checker = checker(policy(1, false, Duration.ZERO), probe);
        checker.start();
        clock.advanceSeconds(1);
        assertThat(checker.isUp()).isFalse();
        assertThat(reports).extracting(CheckerReport::reason).containsExactly("Network is unreachable");
    }

    @Test
    void delayLoopIsCountedFromTheStartOfTheCheckSoASlowCheckDoesNotStretchThePeriod() {
        List<CompletableFuture<CheckResult>> answers = new ArrayList<>();
        Probe probe = answeredLater(answers);
        checker(policy(1, false, Duration.ZERO), probe).start();
        clock.advanceSeconds(1); // first check starts at t=1
        clock.advanceSeconds(2);
        answers.get(0).complete(CheckResult.passed("ok")); // answered at t=3
        clock.advanceSeconds(3.5);
        assertThat(answers).hasSize(1);
        clock.advanceSeconds(0.5); // t=7 = 1 + delay_loop (keepalived would wait until 3 + delay_loop = 9)
        assertThat(answers).hasSize(2);
    }

    @Test
    void aCheckSlowerThanDelayLoopIsFollowedAtOnce() {
        List<CompletableFuture<CheckResult>> answers = new ArrayList<>();
        Probe probe = answeredLater(answers);
        checker(policy(1, false, Duration.ZERO), probe).start();
        clock.advanceSeconds(1);
        clock.advanceSeconds(8);
        assertThat(answers).hasSize(1); // never two checks of one checker in flight
        answers.get(0).complete(CheckResult.passed("ok"));
        clock.advanceSeconds(0);
        assertThat(answers).hasSize(2);
    }

    /** A probe whose every check waits for the test to complete it. */
    private static Probe answeredLater(List<CompletableFuture<CheckResult>> answers) {
        return () -> {
            CompletableFuture<CheckResult> f = new CompletableFuture<>();
            answers.add(f);
            return f;
        };
    }
}
