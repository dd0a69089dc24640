package dev.holdfast.daemon.lvs;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The freshest result of a read that can be slow (a dump of 40,000 IPVS destinations takes seconds on a loaded or
 * emulated machine): at most one read is in flight; a caller waits a bounded time for it and otherwise gets the
 * last completed result, so a scrape answers with slightly older figures instead of an error, and slow reads never
 * pile up behind each other.
 *
 * @param <T> what is read
 */
public final class LatestReading<T> {
    private final Supplier<CompletableFuture<T>> read;
    private CompletableFuture<T> inFlight;
    private T last;

    /** @param initial what a caller gets before the first read has completed */
    public LatestReading(Supplier<CompletableFuture<T>> read, T initial) {
        this.read = Objects.requireNonNull(read);
        this.last = initial;
    }

    private synchronized CompletableFuture<T> current() {
        if (inFlight == null || inFlight.isDone()) {
            CompletableFuture<T> f = read.get();
            f.thenAccept(this::completed);
            inFlight = f;
        }
        return inFlight;
    }

    private synchronized void completed(T value) {
        if (value != null) {
            last = value;
        }
    }

    private synchronized T last() {
        return last;
    }

    /**
     * Waits up to {@code wait} for the read in flight (starting one if none is); the last result if it takes longer.
     *
     * @throws ExecutionException when the read failed
     */
    public T get(Duration wait) throws InterruptedException, ExecutionException {
        try {
            return current().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return last();
        }
    }
}
