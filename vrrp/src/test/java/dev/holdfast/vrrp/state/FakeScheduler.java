package dev.holdfast.vrrp.state;

import java.time.Duration;
import java.util.PriorityQueue;

/** A deterministic {@link Scheduler}: time moves only when a test advances it, tasks run in deadline order. */
final class FakeScheduler implements Scheduler {
    private record Task(long at, long seq, Runnable run, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long now = 1_000_000_000L;
    private long seq;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        queue.add(new Task(now + delay.toNanos(), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs everything due within {@code d}, in order, each at its own deadline. */
    void advance(Duration d) {
        long target = now + d.toNanos();
        while (!queue.isEmpty() && queue.peek().at <= target) {
            Task t = queue.poll();
            if (!t.cancelled[0]) {
                now = t.at;
                t.run.run();
            }
        }
        now = target;
    }

    void advanceMillis(long ms) {
        advance(Duration.ofMillis(ms));
    }

    void advanceMicros(long us) {
        advance(Duration.ofNanos(us * 1000));
    }

    int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled[0]).count();
    }
}
