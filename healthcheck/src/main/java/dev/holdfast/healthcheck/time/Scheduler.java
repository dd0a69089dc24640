package dev.holdfast.healthcheck.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock and timer all health-check state runs on. Every task runs on the scheduler's single thread, so the
 * state machines need no locks; results that arrive on other threads come back through {@link #execute}.
 */
public interface Scheduler {

    Instant now();

    /** Runs {@code task} once after {@code delay} on the scheduler thread. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} on the scheduler thread as soon as possible, never inline in the caller. */
    void execute(Runnable task);

    /** A pending task that can still be called off. */
    interface Cancellable {
        void cancel();
    }
}
