package dev.holdfast.vrrp.state;

import java.time.Duration;

/**
 * Monotonic time and delayed tasks. Injected so tests drive the state machine with a fake clock. Tasks must
 * run on the thread that feeds the instance its other events: {@link VrrpInstance} is not thread-safe.
 */
public interface Scheduler {

    /** Monotonic nanoseconds; only differences mean anything. */
    long nanoTime();

    /** Runs {@code task} once after {@code delay}; cancelling before it runs stops it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that has not run yet can be cancelled. */
    interface Cancellable {
        void cancel();
    }
}
