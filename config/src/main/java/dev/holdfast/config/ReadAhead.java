package dev.holdfast.config;

import dev.holdfast.config.diag.Diagnostic;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.syntax.Statement;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Reads a large configuration on two threads: one preprocesses and builds the statement tree, the caller binds each
 * top-level statement as it arrives. The reading thread reports into its own collector, and every diagnostic it
 * reported before a statement was complete is replayed into the caller's collector just before that statement is
 * bound, so the diagnostics arrive in exactly the order a single thread would have reported them.
 */
final class ReadAhead {
    /** A completed top-level statement (null for the end) with what was reported before it. */
    private record Step(List<Diagnostic> before, Statement statement, Throwable failure) {
    }

    /** Stops the reading thread once the caller has given up. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    private final BlockingQueue<Step> steps = new ArrayBlockingQueue<>(64);
    private final Diagnostics reading = new Diagnostics(Integer.MAX_VALUE);
    private volatile boolean cancelled;

    /** The collector the reading side (preprocessor, tree builder) reports into. */
    Diagnostics readingDiagnostics() {
        return reading;
    }

    /** The tree builder's streaming consumer: hands a statement to the binding side. */
    void statement(Statement st) {
        put(new Step(reading.drain(), st, null));
    }

    /**
     * Runs {@code read} on a thread of its own and binds each statement on this one, after {@code prepare} (which
     * runs here while the reading starts); what the reading side threw is thrown here, after the statements before
     * it were bound, as a single thread would have.
     */
    void run(Runnable read, Diagnostics diags, Runnable prepare, Consumer<Statement> bind) {
        Thread reader = new Thread(() -> {
            try {
                read.run();
                put(new Step(reading.drain(), null, null));
            } catch (Cancelled e) {
                return;
            } catch (Throwable e) {
                put(new Step(reading.drain(), null, e));
            }
        }, "config-read");
        reader.setDaemon(true);
        reader.start();
        try {
            prepare.run();
            while (true) {
                Step step = take();
                diags.replay(step.before());
                if (step.failure() != null) {
                    rethrow(step.failure());
                }
                if (step.statement() == null) {
                    return;
                }
                bind.accept(step.statement());
            }
        } finally {
            cancelled = true;
            steps.clear();
            join(reader);
        }
    }

    /** Waits for the reading thread, which stops at its next statement once cancelled. */
    private static void join(Thread reader) {
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(Step step) {
        try {
            while (!cancelled) {
                if (steps.offer(step, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new Cancelled();
    }

    private Step take() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return steps.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
