package dev.holdfast.healthcheck.socket;

import dev.holdfast.healthcheck.time.Scheduler;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One thread running an epoll instance, a timer heap and a task queue: the scheduler every checker's state lives
 * on, and the home of the checkers' plain TCP sockets. Each turn waits in epoll_wait until the next timer, reads
 * the clock once, hands out socket readiness, runs due timers, then queued tasks. Other threads hand it work
 * through {@link #execute}, which wakes it with an eventfd.
 */
public final class SocketLoop implements Scheduler, AutoCloseable {
    private static final Logger LOG = System.getLogger("holdfast");
    private static final int MAX_EVENTS = 256;
    /** How often the wall clock behind {@link #now()} is read again (between, it is derived from nanoTime). */
    private static final long WALL_CLOCK_RESYNC_NANOS = 10_000_000_000L;
    static final int READ_BUFFER_BYTES = 64 * 1024;
    /** the eventfd increment, never changed, so any thread may hand its address to write(2) */
    private static final ByteBuffer ONE = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).putLong(0, 1);

    /** Told which epoll events a watched socket has. */
    public interface Readiness {
        void ready(int events);
    }

    private final Clock clock;
    private final Thread thread;
    private final int epoll;
    private final int wakeFd;
    private final ByteBuffer events;
    private final ByteBuffer event;
    private final ByteBuffer eventfdValue;
    private final ByteBuffer readBuffer;
    private final TimerHeap timers = new TimerHeap();
    private final ArrayDeque<Runnable> local = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Runnable> remote = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean awake = new AtomicBoolean();
    private Readiness[] watched = new Readiness[1024];
    /**
     * The epoll key each watched descriptor was registered with: its number and a registration count. A descriptor
     * closed while a forked child (a MISC_CHECK script between fork and exec) still holds the socket stays in the
     * epoll set until the child lets go, and its events would reach whichever socket got the number next; the
     * count tells them apart without a system call per close.
     */
    private long[] keys = new long[1024];
    private long registrations;
    private long sequence;
    private volatile boolean closing;
    /** System.nanoTime() as read at the start of this turn */
    private long nanos;
    private long wallBaseNanos;
    private Instant wallBase;

    private SocketLoop(Clock clock, String name) throws IOException {
        this.clock = clock;
        Libc libc = Sys.LIBC;
        this.epoll = libc.epoll_create1(Sys.EPOLL_CLOEXEC);
        if (epoll < 0) {
            throw new IOException("epoll_create1: " + Sys.strerror(Sys.errno()));
        }
        this.wakeFd = libc.eventfd(0, Sys.EFD_NONBLOCK | Sys.EFD_CLOEXEC);
        if (wakeFd < 0) {
            int errno = Sys.errno();
            libc.close(epoll);
            throw new IOException("eventfd: " + Sys.strerror(errno));
        }
        this.events = ByteBuffer.allocateDirect(MAX_EVENTS * Sys.EPOLL_EVENT_SIZE).order(ByteOrder.nativeOrder());
        this.event = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        this.eventfdValue = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        this.readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
        this.nanos = System.nanoTime();
        this.wallBaseNanos = nanos;
        this.wallBase = clock.instant();
        control(Sys.EPOLL_CTL_ADD, wakeFd, Sys.EPOLLIN);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Opens the epoll instance and starts the loop's thread. */
    public static SocketLoop start(Clock clock, String threadName) throws IOException {
        SocketLoop loop = new SocketLoop(clock, threadName);
        loop.thread.start();
        return loop;
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public Instant now() {
        long now = inLoop() ? nanos : System.nanoTime();
        if (now - wallBaseNanos > WALL_CLOCK_RESYNC_NANOS && inLoop()) {
            wallBase = clock.instant();
            wallBaseNanos = now;
        }
        return wallBase.plusNanos(now - wallBaseNanos);
    }

    /** The monotonic time of this turn (System.nanoTime read once per turn); loop thread only. */
    public long nanoTime() {
        return nanos;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long delayNanos;
        try {
            delayNanos = Math.max(0, delay.toNanos());
        } catch (ArithmeticException beyondNanos) {
            delayNanos = Long.MAX_VALUE / 4; // centuries: never, in practice
        }
        return after(delayNanos, task);
    }

    /** Runs {@code task} on the loop {@code delayNanos} after this turn's time. */
    public Cancellable after(long delayNanos, Runnable task) {
        if (inLoop()) {
            TimerHeap.Timer timer = new TimerHeap.Timer(nanos + delayNanos, sequence++, task);
            timer.owner = this;
            timers.add(timer);
            return timer;
        }
        long wanted = System.nanoTime() + delayNanos;
        Cancellable[] set = new Cancellable[1];
        boolean[] cancelled = new boolean[1];
        execute(() -> {
            if (!cancelled[0]) {
                set[0] = after(Math.max(0, wanted - nanos), task);
            }
        });
        return () -> execute(() -> {
            cancelled[0] = true;
            if (set[0] != null) {
                set[0].cancel();
            }
        });
    }

    void cancel(TimerHeap.Timer timer) {
        if (inLoop()) {
            timers.remove(timer);
        } else {
            execute(() -> timers.remove(timer));
        }
    }

    @Override
    public void execute(Runnable task) {
        if (inLoop()) {
            local.add(task);
            return;
        }
        remote.add(task);
        if (awake.compareAndSet(false, true)) {
            Sys.LIBC.write(wakeFd, ONE, 8);
        }
    }

    /**
     * Watches {@code fd} for {@code events} (EPOLL* bits), edge-triggered; loop thread only. The descriptor leaves
     * the epoll set when it is closed; call {@link #forget} then.
     */
    public void watch(int fd, int events, Readiness readiness) throws IOException {
        if (fd >= watched.length) {
            int size = Math.max(fd + 1, watched.length * 2);
            watched = Arrays.copyOf(watched, size);
            keys = Arrays.copyOf(keys, size);
        }
        long key = (++registrations << 32) | fd;
        control(Sys.EPOLL_CTL_ADD, key, events | Sys.EPOLLET);
        watched[fd] = readiness;
        keys[fd] = key;
    }

    /** Drops the handler of a descriptor about to be closed; loop thread only. */
    public void forget(int fd) {
        if (fd >= 0 && fd < watched.length) {
            watched[fd] = null;
        }
    }

    /** A 64 KiB direct buffer for reads done inside one readiness call; loop thread only. */
    public ByteBuffer readBuffer() {
        return readBuffer.clear();
    }

    /** epoll_ctl for the descriptor in the low half of {@code key}, the whole key as the event's data. */
    private void control(int op, long key, int bits) throws IOException {
        event.putInt(0, bits);
        event.putLong(Sys.EPOLL_EVENT_SIZE - 8, key);
        if (Sys.LIBC.epoll_ctl(epoll, op, (int) key, event) != 0) {
            throw new IOException("epoll_ctl: " + Sys.strerror(Sys.errno()));
        }
    }

    private void run() {
        while (!closing) {
            turn();
        }
        shutdown();
    }

    /** One turn, a method of its own so the JIT compiles it early (a loop running for ever stays interpreted). */
    private void turn() {
        int timeout = timeoutMillis();
        int n = Sys.LIBC.epoll_wait(epoll, events, MAX_EVENTS, timeout);
        nanos = System.nanoTime();
        if (n < 0) {
            int errno = Sys.errno();
            if (errno != Sys.EINTR) {
                LOG.log(Level.ERROR, "checker loop: epoll_wait: " + Sys.strerror(errno));
                sleepAfterFailure();
            }
            n = 0;
        }
        for (int i = 0; i < n; i++) {
            int at = i * Sys.EPOLL_EVENT_SIZE;
            int bits = events.getInt(at);
            long key = events.getLong(at + Sys.EPOLL_EVENT_SIZE - 8);
            int fd = (int) key;
            if (key == wakeFd) {
                Sys.LIBC.read(wakeFd, eventfdValue.clear(), 8);
                awake.set(false);
            } else if (fd >= 0 && fd < watched.length && watched[fd] != null && keys[fd] == key) {
                safely(watched[fd], bits);
            }
        }
        runTimers();
        runTasks();
    }

    private int timeoutMillis() {
        if (!local.isEmpty() || !remote.isEmpty()) {
            return 0;
        }
        TimerHeap.Timer first = timers.peek();
        if (first == null) {
            return -1;
        }
        // this turn's time: no second clock read (on a VM whose clock source is not the TSC every read is a system
        // call); a timer is late by at most the time this turn took
        long wait = first.deadline - nanos;
        if (wait <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (wait + 999_999) / 1_000_000);
    }

    private void runTimers() {
        TimerHeap.Timer first;
        while ((first = timers.peek()) != null && first.deadline - nanos <= 0) {
            timers.poll();
            safely(first.task);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = remote.poll()) != null) {
            local.add(task);
        }
        // tasks queued by these tasks wait for the next turn, after the sockets had their say
        for (int n = local.size(); n > 0 && (task = local.poll()) != null; n--) {
            safely(task);
        }
    }

    private static void safely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "checker loop: task failed: " + e, e);
        }
    }

    private static void safely(Readiness readiness, int bits) {
        try {
            readiness.ready(bits);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "checker loop: socket handler failed: " + e, e);
        }
    }

    private static void sleepAfterFailure() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutdown() {
        for (int fd = 0; fd < watched.length; fd++) {
            if (watched[fd] != null) {
                watched[fd] = null;
                Sys.LIBC.close(fd);
            }
        }
        Sys.LIBC.close(wakeFd);
        Sys.LIBC.close(epoll);
    }

    /** Stops the loop; sockets still open are closed, pending timers and tasks dropped. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (!inLoop()) {
            execute(() -> { });
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
