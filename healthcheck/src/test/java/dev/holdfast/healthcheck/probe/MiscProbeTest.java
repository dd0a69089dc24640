package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.spec.MiscCheckSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MISC_CHECK exit statuses (inventory D.7) with real processes. */
class MiscProbeTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private CheckResult run(String script, boolean dynamic, long weight, Duration timeout) throws Exception {
        MiscCheckSpec spec = new MiscCheckSpec(Probes.policy(Duration.ofSeconds(1)), List.of("/bin/sh", "-c", script),
                timeout, dynamic);
        return new MiscProbe(spec, weight, Runnable::run, timer).check().toCompletableFuture()
                .get(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
    }

    @Test
    void exitZeroPassesAndOneFails() throws Exception {
        assertThat(run("exit 0", false, 1, Duration.ofSeconds(5))).isInstanceOf(CheckResult.Passed.class);
        assertThat(run("exit 1", true, 1, Duration.ofSeconds(5)))
                .isEqualTo(CheckResult.failed("MISC_CHECK /bin/sh -c exit 1: exited with status 1"));
    }

    @Test
    void dynamicStatusesSetTheWeightToStatusMinusTwo() throws Exception {
        CheckResult result = run("exit 12", true, 3, Duration.ofSeconds(5));
        assertThat(result).isEqualTo(new CheckResult.Passed(
                "MISC_CHECK /bin/sh -c exit 12: exited with status 12 (weight 10)", 7));
        assertThat(run("exit 12", false, 3, Duration.ofSeconds(5))).isInstanceOf(CheckResult.Failed.class);
    }

    @Test
    void theJudgementFollowsKeepalived() {
        assertThat(MiscProbe.judge("m", 0, true, 5)).isEqualTo(new CheckResult.Passed("m: exited with status 0", 0));
        assertThat(MiscProbe.judge("m", 2, true, 5).reason()).endsWith("(weight 0)");
        assertThat(((CheckResult.Passed) MiscProbe.judge("m", 255, true, 1)).weight()).isEqualTo(252);
        assertThat(MiscProbe.judge("m", 256, true, 1)).isInstanceOf(CheckResult.Failed.class);
    }

    @Test
    void aScriptPastItsTimeoutIsKilledAndFails() throws Exception {
        Instant start = Instant.now();
        CheckResult result = run("sleep 30", false, 1, Duration.ofMillis(300));
        assertThat(result).isEqualTo(CheckResult.failed("MISC_CHECK /bin/sh -c sleep 30: timed out after 300ms"));
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aMissingProgramFails() throws Exception {
        MiscCheckSpec spec = new MiscCheckSpec(Probes.policy(Duration.ofSeconds(1)),
                List.of("/nonexistent/holdfast-check"), Duration.ofSeconds(1), false);
        CheckResult result = new MiscProbe(spec, 1, Runnable::run, timer).check().toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertThat(result.reason()).startsWith("MISC_CHECK /nonexistent/holdfast-check: cannot run: ");
    }
}
