package dev.holdfast.healthcheck.checker;

import dev.holdfast.healthcheck.checker.CheckerReport.Kind;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.time.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * keepalived's HTTP_GET/SSL_GET state machine (epilog and timeout_epilog in check_http.c), which differs from
 * the single-step one because a checker owns several urls:
 * <ul>
 * <li>one url per check: after a url passes, the next one is checked a delay_loop later, and the checker is up
 *     only once every url has passed in sequence;</li>
 * <li>a failing url is retried every delay_before_retry; the checker goes down when the url has failed
 *     {@code retry + 1} times in a row; the url is then re-checked every max(delay_before_retry, delay_loop), and
 *     when it passes the whole list is walked again from the first url before the checker comes back up;</li>
 * <li>fast_recovery drops the pause between urls while the checker is not known to be failing.</li>
 * </ul>
 */
public final class UrlWalkChecker extends ScheduledChecker {
    private final List<Probe> urls;
    private final boolean fastRecovery;
    private int url;
    /** the url that took the checker down, or -1 */
    private int failedUrl = -1;

    private enum Step { PASSED, RETRY, ALREADY_DOWN }

    public UrlWalkChecker(String name, CheckPolicy policy, List<Probe> urls, boolean fastRecovery,
                          Scheduler scheduler, RandomGenerator random, CheckerListener listener) {
        super(name, policy, scheduler, random, listener);
        this.urls = List.copyOf(urls);
        if (this.urls.isEmpty()) {
            throw new IllegalArgumentException("an HTTP checker needs at least one url");
        }
        this.fastRecovery = fastRecovery;
    }

    /** Index of the url the next check requests. */
    public int currentUrl() {
        return url;
    }

    @Override
    void continueProgressFrom(ScheduledChecker previous) {
        // same probe means the same urls: keep the position, and keep a known-failed url known
        UrlWalkChecker walk = (UrlWalkChecker) previous;
        url = walk.url;
        failedUrl = walk.failedUrl;
    }

    @Override
    boolean sameProgressAs(ScheduledChecker other) {
        UrlWalkChecker walk = (UrlWalkChecker) other;
        return url == walk.url && failedUrl == walk.failedUrl;
    }

    /** The url probes, for a checker of another virtual server that shares them. */
    public List<Probe> probes() {
        return urls;
    }

    @Override
    Probe currentProbe() {
        return urls.get(url);
    }

    @Override
    void complete(CheckResult result) {
        if (result instanceof CheckResult.Passed) {
            step(Step.PASSED, result.reason());
        } else if (up || !hasRun) {
            hasRun = true;
            step(Step.RETRY, result.reason());
        } else {
            // no retries for a server already known to be dead
            step(Step.ALREADY_DOWN, result.reason());
        }
    }

    private void step(Step step, String reason) {
        CheckPolicy policy = policy();
        boolean walkDone = false;
        if (step == Step.PASSED) {
            walkDone = url == urls.size() - 1;
            url = walkDone ? url : url + 1;
            retryIteration = 0;
        } else if (step == Step.RETRY) {
            retryIteration++;
        }

        if (step == Step.PASSED && walkDone && failedUrl < 0) {
            if (!up) {
                becomes(true, reason);
            } else if (!hasRun) {
                hasRun = true;
                report(Kind.FIRST_RESULT, reason);
            }
            url = 0;
            retryIteration = 0;
        } else if (step == Step.RETRY && retryIteration > policy.retry()) {
            if (up) {
                becomes(false, reason);
            }
            failedUrl = url;
        } else if (step == Step.PASSED && failedUrl >= 0) {
            // the failed url answers again: walk the whole list before trusting the server
            failedUrl = -1;
            url = 0;
            retryIteration = 0;
        }

        Duration delay;
        boolean polling = false;
        if (step == Step.PASSED) {
            delay = policy.delayLoop();
            polling = true;
            if (!hasRun) {
                retryIteration = policy.retry();
            }
        } else if (failedUrl >= 0) {
            delay = max(policy.delayBeforeRetry(), policy.delayLoop());
        } else {
            delay = policy.delayBeforeRetry();
        }
        if (fastRecovery && (!hasRun || (!up && failedUrl < 0))) {
            delay = Duration.ZERO;
            polling = false;
        }
        if (polling) {
            scheduleNextPoll();
        } else {
            schedule(delay);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
