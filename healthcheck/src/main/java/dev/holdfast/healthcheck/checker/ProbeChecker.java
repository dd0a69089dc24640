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
 * <p>The retry counter starts at {@code retry}, which is why the very first failure after a cold start marks the
 * checker down at once: retries exist to ride out a blip on a server known to be good, and a server never seen
 * passing is not known to be good. After that, an up checker needs {@code retry + 1} consecutive failures to go
 * down, the retries spaced by delay_before_retry; a down checker is simply re-probed every delay_loop. The next
 * check is scheduled when a result arrives, so a slow check delays the next one as in keepalived.
 */
public final class ProbeChecker implements Checker {
    /** keepalived's BOOTSTRAP_DELAY: the fixed part of the first check's delay, not a configurable value. */
    public static final Duration BOOTSTRAP_DELAY = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(ProbeChecker.class.getName());

    private final String name;
    private final CheckPolicy policy;
    private final Probe probe;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final CheckerListener listener;

    private boolean up;
    private boolean hasRun;
    private long retryIteration;
    private long weight;
    private boolean enabled = true;
    private boolean running;
    private Scheduler.Cancellable next;

    public ProbeChecker(String name, CheckPolicy policy, Probe probe, Scheduler scheduler, RandomGenerator random,
                        CheckerListener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.up = !policy.alpha();
        this.retryIteration = policy.retry();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CheckPolicy policy() {
        return policy;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public boolean hasRun() {
        return hasRun;
    }

    @Override
    public long weight() {
        return weight;
    }

    /** Retries used so far on the current run of failures (for status pages). */
    public long retryIteration() {
        return retryIteration;
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        schedule(BOOTSTRAP_DELAY.plus(warmupJitter()));
    }

    @Override
    public void stop() {
        running = false;
        if (next != null) {
            next.cancel();
            next = null;
        }
    }

    @Override
    public void setEnabled(boolean enabled) {
        if (this.enabled != enabled) {
            LOG.log(Level.INFO, "{0} healthchecker {1}", enabled ? "Activating" : "Suspending", name);
        }
        this.enabled = enabled;
    }

    private Duration warmupJitter() {
        // spreads the first checks so a restart does not hit every real server in the same instant
        long bound = policy.warmup().toNanos();
        return bound <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(bound + 1));
    }

    private void schedule(Duration delay) {
        next = scheduler.schedule(delay, this::run);
    }

    private void run() {
        next = null;
        if (!running) {
            return;
        }
        if (!enabled) {
            schedule(policy.delayLoop());
            return;
        }
        probe.check().whenComplete((result, error) -> scheduler.execute(() -> {
            if (running) {
                complete(result != null ? result : CheckResult.failed(describe(error)));
            }
        }));
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof java.util.concurrent.CompletionException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private void complete(CheckResult result) {
        Duration delay = policy.delayLoop();
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
                    LOG.log(Level.INFO, "{0}: still DOWN after first check: {1}", name, result.reason());
                    report(Kind.FIRST_RESULT, result.reason());
                }
            }
        } else if (up) {
            retryIteration++;
            delay = policy.delayBeforeRetry();
            LOG.log(Level.DEBUG, "{0}: failed, retry {1}/{2}: {3}", name, retryIteration, policy.retry(),
                    result.reason());
        }
        hasRun = true;
        if (running) {
            schedule(delay);
        }
    }

    private void becomes(boolean nowUp, String reason) {
        String retries = !nowUp && hasRun && policy.retry() > 0
                ? " after " + policy.retry() + (policy.retry() == 1 ? " retry" : " retries") : "";
        up = nowUp;
        hasRun = true;
        LOG.log(Level.INFO, "{0}: {1}{2}: {3}", name, nowUp ? "UP" : "DOWN", retries, reason);
        report(Kind.TRANSITION, reason);
    }

    private void report(Kind kind, String reason) {
        listener.report(this, new CheckerReport(kind, up, weight, reason));
    }
}
