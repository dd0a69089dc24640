package dev.holdfast.healthcheck.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.holdfast.healthcheck.checker.CheckerReport.Kind;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HTTP_GET's url walk (check_http.c epilog), on a manual clock: delay_loop 6 s, delay_before_retry 2 s. */
class UrlWalkCheckerTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final Instant t0 = clock.now();
    private final List<CheckerReport> reports = new ArrayList<>();
    private final List<ScriptedProbe> urls = List.of(ScriptedProbe.passing(clock), ScriptedProbe.passing(clock),
            ScriptedProbe.passing(clock));

    private UrlWalkChecker checker(long retry, boolean alpha, boolean fastRecovery, Duration delayBeforeRetry) {
        CheckPolicy policy = new CheckPolicy(retry, delayBeforeRetry, Duration.ofSeconds(6), Duration.ZERO, alpha,
                Duration.ofSeconds(3));
        UrlWalkChecker checker = new UrlWalkChecker("HTTP_GET", policy, List.copyOf(urls), fastRecovery, clock,
                new FixedRandom(0), (c, r) -> reports.add(r));
        checker.start();
        return checker;
    }

    private UrlWalkChecker checker(long retry) {
        return checker(retry, false, false, Duration.ofSeconds(2));
    }

    private List<Long> calls(int url) {
        return urls.get(url).calls().stream().map(t -> Duration.between(t0, t).toSeconds()).toList();
    }

    @Test
    void checksOneUrlPerDelayLoopAndConfirmsUpAfterTheWholeWalk() {
        UrlWalkChecker checker = checker(1);
        clock.advanceSeconds(7);
        assertThat(checker.hasRun()).isFalse();
        clock.advanceSeconds(6);
        assertThat(checker.hasRun()).isTrue();
        assertThat(reports).extracting(CheckerReport::kind).containsExactly(Kind.FIRST_RESULT);
        clock.advanceSeconds(6);
        assertThat(calls(0)).containsExactly(1L, 19L);
        assertThat(calls(1)).containsExactly(7L);
        assertThat(calls(2)).containsExactly(13L);
    }

    @Test
    void aFailureDuringTheFirstWalkIsImmediatelyFinal() {
        urls.get(1).fail();
        UrlWalkChecker checker = checker(3);
        clock.advanceSeconds(7);
        assertThat(checker.isUp()).isFalse();
        assertThat(reports).extracting(CheckerReport::kind, CheckerReport::up)
                .containsExactly(tuple(Kind.TRANSITION, false));
        clock.advanceSeconds(12);
        assertThat(calls(1)).containsExactly(7L, 13L, 19L);
    }

    @Test
    void anUpCheckerRetriesTheFailingUrlThenGoesDownAndNeedsTheFailedUrlPlusAFullWalkToRecover() {
        UrlWalkChecker checker = checker(1);
        clock.advanceSeconds(13); // walk done at t=13, next u0 at t=19
        urls.get(0).fail();
        clock.advanceSeconds(6); // t=19 u0 fails, retry
        assertThat(checker.isUp()).isTrue();
        clock.advanceSeconds(2); // t=21 u0 fails again: retry + 1 failures
        assertThat(checker.isUp()).isFalse();
        clock.advanceSeconds(6); // t=27 u0 re-checked after max(dbr, dl), still failing
        urls.get(0).pass();
        clock.advanceSeconds(6); // t=33 u0 passes: walk again from the first url
        assertThat(checker.isUp()).isFalse();
        clock.advanceSeconds(6 * 3); // t=39 u0, t=45 u1, t=51 u2
        assertThat(checker.isUp()).isTrue();
        assertThat(calls(0)).containsExactly(1L, 19L, 21L, 27L, 33L, 39L);
        assertThat(calls(1)).containsExactly(7L, 45L);
        assertThat(calls(2)).containsExactly(13L, 51L);
        assertThat(reports).extracting(CheckerReport::kind, CheckerReport::up).containsExactly(
                tuple(Kind.FIRST_RESULT, true), tuple(Kind.TRANSITION, false), tuple(Kind.TRANSITION, true));
    }

    @Test
    void aDownCheckerRechecksItsFailedUrlEveryLongerOfTheTwoDelays() {
        urls.get(0).fail();
        checker(1, false, false, Duration.ofSeconds(10));
        clock.advanceSeconds(1 + 10 * 3);
        assertThat(calls(0)).containsExactly(1L, 11L, 21L, 31L);
    }

    @Test
    void aUrlFailingDuringTheRecoveryWalkIsRetriedEveryDelayBeforeRetry() {
        urls.get(0).fail();
        UrlWalkChecker checker = checker(1);
        clock.advanceSeconds(1); // down at t=1
        urls.get(0).pass();
        urls.get(1).fail();
        clock.advanceSeconds(6); // t=7 u0 passes, walk restarts
        clock.advanceSeconds(6); // t=13 u0 passes
        clock.advanceSeconds(6); // t=19 u1 fails: known dead, no retry count, checked again after dbr
        clock.advanceSeconds(4); // t=21, t=23
        assertThat(calls(1)).containsExactly(19L, 21L, 23L);
        assertThat(checker.isUp()).isFalse();
        assertThat(reports).hasSize(1);
    }

    @Test
    void alphaStartsDownAndItsFirstFailureReportsNothing() {
        urls.get(0).fail();
        UrlWalkChecker checker = checker(1, true, false, Duration.ofSeconds(2));
        assertThat(checker.isUp()).isFalse();
        clock.advanceSeconds(1);
        assertThat(reports).isEmpty();
        urls.get(0).pass();
        clock.advanceSeconds(6 + 6 * 3);
        assertThat(checker.isUp()).isTrue();
        assertThat(reports).extracting(CheckerReport::kind, CheckerReport::up)
                .containsExactly(tuple(Kind.TRANSITION, true));
    }

    @Test
    void fastRecoveryWalksWithoutPausesUntilTheCheckerHasRun() {
        UrlWalkChecker checker = checker(1, false, true, Duration.ofSeconds(2));
        clock.advanceSeconds(1);
        assertThat(checker.hasRun()).isTrue();
        assertThat(calls(0)).containsExactly(1L);
        assertThat(calls(1)).containsExactly(1L);
        assertThat(calls(2)).containsExactly(1L);
        clock.advanceSeconds(6);
        assertThat(calls(0)).containsExactly(1L, 7L);
    }

    @Test
    void fastRecoveryDoesNotHammerAKnownFailedUrl() {
        UrlWalkChecker checker = checker(1, false, true, Duration.ofSeconds(2));
        clock.advanceSeconds(1);
        urls.get(2).fail();
        clock.advanceSeconds(6 * 3 + 2); // t=7 u0, t=13 u1, t=19 u2 fails, t=21 fails again: down
        assertThat(checker.isUp()).isFalse();
        int before = urls.get(2).calls().size();
        clock.advanceSeconds(6);
        assertThat(urls.get(2).calls()).hasSize(before + 1);
        urls.get(2).pass();
        clock.advanceSeconds(6); // the failed url passes; the walk restarts, without pauses while down
        assertThat(checker.isUp()).isTrue();
    }

    @Test
    void aReloadedCheckerKeepsItsFailedUrl() {
        urls.get(1).fail();
        UrlWalkChecker old = checker(1);
        clock.advanceSeconds(7); // u1 fails during the first walk: down, failed url 1
        old.stop();
        CheckPolicy policy = new CheckPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ZERO, false,
                Duration.ofSeconds(3));
        UrlWalkChecker next = new UrlWalkChecker("HTTP_GET", policy, List.copyOf(urls), false, clock,
                new FixedRandom(0), (c, r) -> reports.add(r));
        next.continueFrom(old);
        assertThat(next.isUp()).isFalse();
        assertThat(next.currentUrl()).isEqualTo(1);
        next.start();
        clock.advanceSeconds(1);
        assertThat(calls(1)).hasSize(2);
    }
}
