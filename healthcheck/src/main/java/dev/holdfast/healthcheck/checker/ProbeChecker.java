package dev.holdfast.healthcheck.checker;

import dev.holdfast.healthcheck.checker.CheckerReport.Kind;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.time.Scheduler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * keepalived's single-step checker state machine (TCP_CHECK, UDP_CHECK, PING_CHECK, DNS_CHECK, MISC_CHECK;
 * see tcp_epilog in check_tcp.c).
 *
 * <p>The very first failure after a cold start marks the checker down at once. After that, an up checker needs
 * {@code retry + 1} consecutive failures to go down, the retries spaced by delay_before_retry; a down checker is
 * simply re-probed every delay_loop. The next check is scheduled when a result arrives, so a slow check delays
 * the next one as in keepalived.
 */
public final class ProbeChecker extends ScheduledChecker {
    private final Probe probe;

    public ProbeChecker(String name, CheckPolicy policy, Probe probe, Scheduler scheduler, RandomGenerator random,
                        CheckerListener listener) {
        super(name, policy, scheduler, random, listener);
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** The probe, for a checker of another virtual server that shares it. */
    public Probe probe() {
        return probe;
    }

    @Override
    Probe currentProbe() {
        return probe;
    }

    @Override
    void complete(CheckResult result) {
        CheckPolicy policy = policy();
        Duration delay = policy.delayLoop();
        boolean polling = true;
        boolean passed = result instanceof CheckResult.Passed;
        if (passed || ((up || !hasRun) && retryIteration >= policy.retry())) {
            retryIteration = 0;
            if (passed) {
                long newWeight = ((CheckResult.Passed) result).weight();
                boolean weightChanged = newWeight != weight;
                weight = newWeight;
                if (!up) {
                    becomes(true, result.reason());
                } else if (!hasRun) {
                    hasRun = true;
                    report(Kind.FIRST_RESULT, result.reason());
                } else if (weightChanged) {
                    report(Kind.WEIGHT, result.reason());
                }
            } else {
                // a failed checker no longer steers the weight (misc_dynamic)
                weight = 0;
                if (up) {
                    becomes(false, result.reason());
                } else {
                    hasRun = true;
                    LOG.log(Level.INFO, name() + ": still DOWN after first check: " + result.reason());
                    report(Kind.FIRST_RESULT, result.reason());
                }
            }
        } else if (up) {
            retryIteration++;
            delay = policy.delayBeforeRetry();
            polling = false;
            long retry = retryIteration;
            LOG.log(Level.DEBUG, () -> name() + ": failed, retry " + retry + "/" + policy.retry() + ": "
                    + result.reason());
        }
        hasRun = true;
        if (polling) {
            scheduleNextPoll();
        } else {
            schedule(delay);
        }
    }
}
