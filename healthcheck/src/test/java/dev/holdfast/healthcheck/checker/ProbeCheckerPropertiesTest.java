package dev.holdfast.healthcheck.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The checker against a second, independent statement of the rule: after any run of results, a non-alpha
 * checker is down exactly when its trailing failures began at the very first check, or number more than retry.
 */
class ProbeCheckerPropertiesTest {

    @Property(tries = 300)
    void stateFollowsTrailingFailures(@ForAll @Size(min = 1, max = 40) List<Boolean> results,
                                      @ForAll @IntRange(min = 0, max = 4) int retry) {
        ManualScheduler clock = new ManualScheduler();
        List<Instant> calls = new ArrayList<>();
        int[] next = {0};
        Probe probe = () -> {
            calls.add(clock.now());
            boolean pass = results.get(Math.min(next[0]++, results.size() - 1));
            return CompletableFuture.completedFuture(pass ? CheckResult.passed("ok") : CheckResult.failed("no"));
        };
        CheckPolicy policy = new CheckPolicy(retry, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ZERO,
                false, Duration.ofSeconds(1));
        ProbeChecker checker = new ProbeChecker("c", policy, probe, clock, new FixedRandom(0), (c, r) -> { });
        checker.start();
        while (calls.size() < results.size()) {
            clock.advanceSeconds(1);
        }

        int trailing = 0;
        for (int i = results.size() - 1; i >= 0 && !results.get(i); i--) {
            trailing++;
        }
        boolean expectedUp = trailing == 0 || (trailing < results.size() && trailing <= retry);
        assertThat(checker.isUp()).isEqualTo(expectedUp);

        // spacing: a retry follows delay_before_retry, everything else delay_loop
        boolean up = true;
        int failures = 0;
        for (int i = 1; i < results.size(); i++) {
            boolean pass = results.get(i - 1);
            boolean retrying;
            if (i == 1) {
                up = pass;
                retrying = false;
            } else if (pass) {
                up = true;
                failures = 0;
                retrying = false;
            } else if (up && failures < retry) {
                failures++;
                retrying = true;
            } else {
                up = false;
                failures = 0;
                retrying = false;
            }
            Duration gap = Duration.between(calls.get(i - 1), calls.get(i));
            assertThat(gap).isEqualTo(retrying ? Duration.ofSeconds(1) : Duration.ofSeconds(5));
        }
    }
}
