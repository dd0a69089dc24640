package dev.holdfast.healthcheck.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A scheduler whose clock only moves when a test says so; tasks due at the same instant run in FIFO order. */
public final class ManualScheduler implements Scheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    public ManualScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), sequence++, task);
        queue.add(t);
        return () -> t.cancelled = true;
    }

    @Override
    public void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    /** Runs everything due within {@code duration}, moving the clock task by task. */
    public void advance(Duration duration) {
        Instant end = now.plus(duration);
        while (!queue.isEmpty() && !queue.peek().at.isAfter(end)) {
            Task task = queue.poll();
            now = task.at;
            if (!task.cancelled) {
                task.runnable.run();
            }
        }
        now = end;
    }

    public void advanceSeconds(double seconds) {
        advance(Duration.ofNanos((long) (seconds * 1e9)));
    }

    /** Runs what is due now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    public long pending() {
        return queue.stream().filter(t -> !t.cancelled).count();
    }

    private static final class Task implements Comparable<Task> {
        final Instant at;
        final long sequence;
        final Runnable runnable;
        boolean cancelled;

        Task(Instant at, long sequence, Runnable runnable) {
            this.at = at;
            this.sequence = sequence;
            this.runnable = runnable;
        }

        @Override
        public int compareTo(Task other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
