package dev.holdfast.healthcheck.checker;

import dev.holdfast.healthcheck.checker.CheckerReport.Kind;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.time.Scheduler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;

/**
 * What every timer-driven checker shares: the first run at the bootstrap delay plus random warmup, suspension,
 * stopping, bringing probe results back to the scheduler thread, and reporting. Subclasses hold the retry rules.
 */
public abstract sealed class ScheduledChecker implements Checker permits ProbeChecker, UrlWalkChecker {
    /** keepalived's BOOTSTRAP_DELAY: the fixed part of the first check's delay, not a configurable value. */
    public static final Duration BOOTSTRAP_DELAY = Duration.ofSeconds(1);

    static final System.Logger LOG = System.getLogger(Checker.class.getName());

    private final String name;
    private final CheckPolicy policy;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    /** when the check in flight (or the last one) started; null before the first */
    private Instant checkStartedAt;
    private final CheckerListener listener;

    boolean up;
    boolean hasRun;
    long retryIteration;
    long weight;
    private boolean enabled = true;
    private boolean running;
    private boolean stopped;
    private CheckResult lastResult;
    private Instant lastResultAt;
    private long checks;
    private long failures;
    private long checkNanos;
    private final java.util.EnumMap<FailureKind, Long> failureKinds = new java.util.EnumMap<>(FailureKind.class);
    private Scheduler.Cancellable next;
    /** the checker whose probe results this one takes instead of probing itself; null: probes itself */
    private ScheduledChecker leader;
    /** checkers that take this one's results (identical probes of other virtual servers) */
    private final java.util.List<ScheduledChecker> followers = new java.util.ArrayList<>(0);

    ScheduledChecker(String name, CheckPolicy policy, Scheduler scheduler, RandomGenerator random,
                     CheckerListener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.up = !policy.alpha();
        // starting at retry makes the first failure final: retries are for servers already seen working
        this.retryIteration = policy.retry();
    }

    @Override
    public final String name() {
        return name;
    }

    public final CheckPolicy policy() {
        return policy;
    }

    @Override
    public final boolean isUp() {
        return up;
    }

    @Override
    public final boolean hasRun() {
        return hasRun;
    }

    @Override
    public final long weight() {
        return weight;
    }

    private void record(CheckResult result) {
        lastResult = result;
        lastResultAt = scheduler.now();
        checks++;
        if (checkStartedAt != null) {
            checkNanos += Math.max(0, Duration.between(checkStartedAt, lastResultAt).toNanos());
        }
        if (result instanceof CheckResult.Failed) {
            failures++;
            failureKinds.merge(FailureKind.of(result.reason()), 1L, Long::sum);
        }
    }

    @Override
    public final Duration checkTime() {
        return Duration.ofNanos(checkNanos);
    }

    @Override
    public final java.util.Map<FailureKind, Long> failuresByKind() {
        return java.util.Map.copyOf(failureKinds);
    }

    @Override
    public final Optional<CheckResult> lastResult() {
        return Optional.ofNullable(lastResult);
    }

    @Override
    public final Optional<Instant> lastResultAt() {
        return Optional.ofNullable(lastResultAt);
    }

    @Override
    public final long checks() {
        return checks;
    }

    @Override
    public final long failures() {
        return failures;
    }

    /** Retries used so far on the current run of failures (for status pages). */
    public final long retryIteration() {
        return retryIteration;
    }

    /**
     * Reload: continue from the same checker of the previous configuration (migrate_checkers), so a server that
     * was down stays down until it passes and one that was up is not re-proven. Retries already used carry over,
     * capped so that one more failure is always enough once the new retry count is reached.
     */
    public final void continueFrom(ScheduledChecker previous) {
        if (previous.hasRun && previous.up != up) {
            up = previous.up;
        }
        hasRun = previous.hasRun;
        if (!up) {
            retryIteration = policy.retry() + 1;
        } else {
            retryIteration = Math.min(previous.retryIteration, policy.retry());
        }
        weight = previous.weight;
        continueProgressFrom(previous);
    }

    /** Carries over type-specific progress (the url walk); the previous checker probes the same thing. */
    void continueProgressFrom(ScheduledChecker previous) {
    }

    /**
     * Reload: a checker new to a server that already existed. It starts down only if it is alpha and the server
     * is failing or was never proven; either way its first failure is final.
     */
    public final void startFresh(boolean down) {
        up = !(down && policy.alpha());
        retryIteration = policy.retry();
    }

    @Override
    public final void start() {
        if (running) {
            return;
        }
        running = true;
        if (leader != null) {
            if (leader.stopped || !sameStateAs(leader)) {
                // a reload carried a different state into this checker: it probes on its own until the next one
                unfollow();
            } else {
                return;
            }
        }
        schedule(BOOTSTRAP_DELAY.plus(warmupJitter()));
    }

    @Override
    public final void stop() {
        running = false;
        stopped = true;
        if (next != null) {
            next.cancel();
            next = null;
        }
        if (leader != null) {
            unfollow();
        } else if (!followers.isEmpty()) {
            handOver();
        }
    }

    /**
     * Shares this checker's probe: {@code follower} (an identical probe of another virtual server: same type,
     * target, parameters and timing) runs no check of its own and takes every result of this one into its own
     * state, so each real server still goes up and down, logs and notifies as if it had probed. Call before
     * either starts.
     */
    public final void lead(ScheduledChecker follower) {
        if (follower == this || follower.getClass() != getClass() || !follower.policy.equals(policy)
                || leader != null || follower.leader != null || !follower.followers.isEmpty()) {
            throw new IllegalArgumentException(follower.name + " cannot follow " + name);
        }
        follower.leader = this;
        followers.add(follower);
    }

    /** The checker that probes for this one, if it shares another's probe. */
    public final Optional<ScheduledChecker> leader() {
        return Optional.ofNullable(leader);
    }

    @Override
    public final Optional<String> probedBy() {
        return leader == null ? Optional.empty() : Optional.of(leader.name);
    }

    /** How many other checkers take this one's results. */
    public final int followerCount() {
        return followers.size();
    }

    private void unfollow() {
        leader.followers.remove(this);
        leader = null;
    }

    /** The leader stops (its virtual server went): the first follower still running probes for the others. */
    private void handOver() {
        ScheduledChecker heir = null;
        for (ScheduledChecker f : followers) {
            if (f.running && heir == null) {
                heir = f;
                heir.leader = null;
            } else if (heir != null) {
                f.leader = heir;
                heir.followers.add(f);
            } else {
                f.leader = null;
            }
        }
        followers.clear();
        if (heir != null) {
            heir.scheduleNextPoll();
        }
    }

    /** Whether the same results move both checkers through the same states (true of fresh twins). */
    private boolean sameStateAs(ScheduledChecker other) {
        return up == other.up && hasRun == other.hasRun && retryIteration == other.retryIteration
                && weight == other.weight && sameProgressAs(other);
    }

    /** Type-specific part of {@link #sameStateAs}: the url walk's position. */
    boolean sameProgressAs(ScheduledChecker other) {
        return true;
    }

    @Override
    public final void setEnabled(boolean enabled) {
        if (this.enabled != enabled) {
            LOG.log(Level.INFO, (enabled ? "Activating" : "Suspending") + " healthchecker " + name);
        }
        this.enabled = enabled;
    }

    private Duration warmupJitter() {
        // spreads the first checks so a restart does not hit every real server in the same instant
        long bound = policy.warmup().toNanos();
        return bound <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(bound + 1));
    }

    /**
     * The next regular check: delay_loop after the start of the one that just ended. keepalived counts delay_loop
     * from a check's end, so its polling period stretches by every check's duration (a slow server is polled less
     * often, and a busy checker drifts); holdfast keeps the period. Retries still wait delay_before_retry after
     * the failed check's end, as in keepalived.
     */
    final void scheduleNextPoll() {
        Duration wait = policy.delayLoop();
        if (checkStartedAt != null) {
            wait = wait.minus(Duration.between(checkStartedAt, scheduler.now()));
        }
        schedule(wait.isNegative() ? Duration.ZERO : wait);
    }

    final void schedule(Duration delay) {
        if (running && leader == null) {
            next = scheduler.schedule(delay, this::run);
        }
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
        checkStartedAt = scheduler.now();
        java.util.concurrent.CompletionStage<CheckResult> pending;
        try {
            pending = currentProbe().check();
        } catch (RuntimeException e) {
            // a probe that cannot even start is a failed check, not a dead checker
            pending = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        Instant startedAt = checkStartedAt;
        pending.whenComplete((result, error) -> scheduler.execute(() -> {
            if (running) {
                CheckResult outcome = result != null ? result : CheckResult.failed(describe(error));
                take(outcome);
                if (followers.isEmpty()) {
                    return;
                }
                for (ScheduledChecker f : followers.toArray(new ScheduledChecker[0])) {
                    if (f.running && f.enabled && f.leader == this) {
                        f.checkStartedAt = startedAt;
                        f.take(outcome);
                    }
                }
            }
        }));
    }

    private void take(CheckResult outcome) {
        record(outcome);
        boolean wasUp = up;
        complete(outcome);
        if (outcome instanceof CheckResult.Failed && policy.logAllFailures() && wasUp && up) {
            logRetriedFailure(outcome);
        }
    }

    /** The probe the next check runs. */
    abstract Probe currentProbe();

    /** Applies one result and schedules the next check. */
    abstract void complete(CheckResult result);

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && (cause instanceof CompletionException || cause.getMessage() == null)) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /**
     * log_all_failures: a failure that only used a retry is logged too (the transition logs itself). As in
     * keepalived, failures of a checker already down are not logged again.
     */
    private void logRetriedFailure(CheckResult failure) {
        LOG.log(Level.INFO, name + ": failed, retry " + retryIteration + "/" + policy.retry() + ": "
                + failure.reason());
    }

    final void becomes(boolean nowUp, String reason) {
        String retries = !nowUp && hasRun && policy.retry() > 0
                ? " after " + policy.retry() + (policy.retry() == 1 ? " retry" : " retries") : "";
        up = nowUp;
        hasRun = true;
        LOG.log(Level.INFO, name + ": " + (nowUp ? "UP" : "DOWN") + retries + ": " + reason);
        report(Kind.TRANSITION, reason);
    }

    final void report(Kind kind, String reason) {
        listener.report(this, new CheckerReport(kind, up, weight, reason));
    }
}
