package dev.holdfast.healthcheck.time;

import io.netty.channel.EventLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on one Netty event loop that runs every timer and every checker connection, so there is one timer
 * queue for all checks and checker results never cross threads (tests' wiring; the daemon uses the socket loop).
 */
public final class EventLoopScheduler implements Scheduler {
    private final EventLoop loop;
    private final Clock clock;

    public EventLoopScheduler(EventLoop loop, Clock clock) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long nanos;
        try {
            nanos = Math.max(0, delay.toNanos());
        } catch (ArithmeticException beyondNanos) {
            nanos = Long.MAX_VALUE; // a delay of centuries: never, in practice
        }
        var future = loop.schedule(task, nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }
}
