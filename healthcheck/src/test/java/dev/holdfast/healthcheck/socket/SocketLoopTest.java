package dev.holdfast.healthcheck.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.time.Scheduler.Cancellable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loop as a scheduler: timers in order, cancellation, work handed in from other threads, the wall clock. */
class SocketLoopTest {
    private SocketLoop loop;

    @BeforeEach
    void start() throws Exception {
        loop = SocketLoop.start(Clock.systemUTC(), "socket-loop-test");
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    @Test
    void timersFireInDeadlineOrderOnTheLoopAndCancelledOnesNever() throws Exception {
        List<String> fired = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            assertThat(loop.inLoop()).isTrue();
            loop.schedule(Duration.ofMillis(60), () -> fired.add("60"));
            loop.schedule(Duration.ofMillis(20), () -> fired.add("20"));
            Cancellable never = loop.schedule(Duration.ofMillis(40), () -> fired.add("40"));
            loop.schedule(Duration.ofMillis(20), () -> fired.add("20 later"));
            never.cancel();
            loop.schedule(Duration.ofMillis(100), () -> done.complete(null));
        });
        done.get(5, TimeUnit.SECONDS);
        assertThat(fired).containsExactly("20", "20 later", "60");
    }

    @Test
    void workFromOtherThreadsRunsOnTheLoopThread() throws Exception {
        List<Boolean> onLoop = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread[] senders = new Thread[4];
        for (int t = 0; t < senders.length; t++) {
            senders[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    loop.execute(() -> onLoop.add(loop.inLoop()));
                }
            });
            senders[t].start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        loop.schedule(Duration.ofMillis(1), () -> done.complete(null));
        done.get(5, TimeUnit.SECONDS);
        assertThat(onLoop).hasSize(4000).containsOnly(true);
    }

    @Test
    void aTimerSetFromAnotherThreadCanBeCalledOff() throws Exception {
        List<String> fired = new CopyOnWriteArrayList<>();
        Cancellable off = loop.schedule(Duration.ofMillis(50), () -> fired.add("off"));
        off.cancel();
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.schedule(Duration.ofMillis(150), () -> done.complete(null));
        done.get(5, TimeUnit.SECONDS);
        assertThat(fired).isEmpty();
    }

    @Test
    void nowFollowsTheWallClock() throws Exception {
        CompletableFuture<Instant> seen = new CompletableFuture<>();
        loop.execute(() -> seen.complete(loop.now()));
        assertThat(Duration.between(seen.get(5, TimeUnit.SECONDS), Instant.now()).abs())
                .isLessThan(Duration.ofSeconds(1));
    }
}
