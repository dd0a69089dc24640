package dev.holdfast.healthcheck.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * The resolved timing and retry parameters of one checker (VS value, then RS, then checker, then the checker
 * type's built-in default — resolved by the config module, never here).
 *
 * @param retry            failures tolerated on an up checker before it goes down (0..UINT32_MAX)
 * @param delayBeforeRetry spacing of those retries
 * @param delayLoop        interval between regular checks
 * @param warmup           upper bound of the random delay before the first check (0 = none)
 * @param alpha            start down: the real server is not in the pool until this checker passes
 * @param connectTimeout   connect and read timeout of one check
 * @param logAllFailures   log every failed check (log_all_failures / checker_log_all_failures), not only the
 *                         transitions
 */
public record CheckPolicy(long retry, Duration delayBeforeRetry, Duration delayLoop, Duration warmup, boolean alpha,
                          Duration connectTimeout, boolean logAllFailures) {
    /** A policy that logs transitions only (log_all_failures off, keepalived's default). */
    public CheckPolicy(long retry, Duration delayBeforeRetry, Duration delayLoop, Duration warmup, boolean alpha,
                       Duration connectTimeout) {
        this(retry, delayBeforeRetry, delayLoop, warmup, alpha, connectTimeout, false);
    }

    public CheckPolicy {
        if (retry < 0 || retry > 0xffff_ffffL) {
            throw new IllegalArgumentException("retry out of range 0..4294967295: " + retry);
        }
        nonNegative(delayBeforeRetry, "delay_before_retry");
        nonNegative(delayLoop, "delay_loop");
        nonNegative(warmup, "warmup");
        nonNegative(connectTimeout, "connect_timeout");
    }

    private static void nonNegative(Duration value, String keyword) {
        Objects.requireNonNull(value, keyword);
        if (value.isNegative()) {
            throw new IllegalArgumentException(keyword + " must not be negative: " + value);
        }
    }
}
