package dev.holdfast.healthcheck.checker;

import dev.holdfast.healthcheck.checker.CheckerReport.Kind;
import dev.holdfast.healthcheck.spec.FileCheckSpec;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * FILE_CHECK (process_update_checker_track_file_status): no timer and no retries; every new value of the tracked
 * file takes effect at once, as a failure or as a weight contribution. Until {@link #start()} a value only sets
 * the starting state, the way keepalived reads track files before it builds the pools.
 */
public final class TrackedFileChecker implements Checker {
    /** IPVS_WEIGHT_FAULT: a contribution this low means the server has failed. */
    static final long WEIGHT_FAULT = Integer.MIN_VALUE;

    private static final System.Logger LOG = System.getLogger(Checker.class.getName());

    private final String name;
    private final FileCheckSpec spec;
    private final CheckerListener listener;
    private boolean up;
    private boolean started;
    private boolean enabled = true;
    private long weight;
    private CheckResult lastResult;
    private long updates;
    private long faults;

    /** Starts from value 0, which is also what keepalived uses for a missing or unreadable file. */
    public TrackedFileChecker(String name, FileCheckSpec spec, CheckerListener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.listener = Objects.requireNonNull(listener, "listener");
        apply(0);
    }

    public FileCheckSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public boolean hasRun() {
        return true;
    }

    @Override
    public Optional<CheckResult> lastResult() {
        return Optional.ofNullable(lastResult);
    }

    /** Tracked files have no clock of their own; the daemon knows when it read the file. */
    @Override
    public Optional<Instant> lastResultAt() {
        return Optional.empty();
    }

    @Override
    public long checks() {
        return updates;
    }

    @Override
    public long failures() {
        return faults;
    }

    @Override
    public long weight() {
        return weight;
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        started = false;
        enabled = false;
    }

    /** Tracked files are not suspended by ha_suspend in keepalived either; kept for the interface. */
    @Override
    public void setEnabled(boolean enabled) {
        // a file change is a fact, not a probe: nothing to pause
    }

    /** The file now holds {@code value}. */
    public void update(long value) {
        if (!enabled) {
            return;
        }
        String reason = "tracked file " + spec.file() + " = " + value;
        if (!started) {
            apply(value);
            lastResult = up ? new CheckResult.Passed(reason, weight) : CheckResult.failed(reason);
            return;
        }
        long status = status(value);
        updates++;
        if (status == WEIGHT_FAULT) {
            faults++;
            lastResult = CheckResult.failed(reason);
        } else {
            lastResult = new CheckResult.Passed(reason, status);
        }
        if (status == WEIGHT_FAULT) {
            if (up) {
                up = false;
                weight = 0;
                LOG.log(Level.INFO, name + ": DOWN: " + reason);
                listener.report(this, new CheckerReport(Kind.TRANSITION, false, 0, reason));
            }
        } else if (!up) {
            up = true;
            weight = status;
            LOG.log(Level.INFO, name + ": UP: " + reason);
            listener.report(this, new CheckerReport(Kind.TRANSITION, true, weight, reason));
        } else if (status != weight) {
            weight = status;
            listener.report(this, new CheckerReport(Kind.WEIGHT, true, weight, reason));
        }
    }

    private void apply(long value) {
        // keepalived's start-up rule looks only at "non-zero" for weight 0, whatever reverse says
        boolean fault = spec.weight() == 0 ? value != 0 : status(value) == WEIGHT_FAULT;
        up = !fault;
        weight = fault ? 0 : status(value);
    }

    /** The file's value as keepalived's weight_range sees it: a contribution, or WEIGHT_FAULT. */
    long status(long value) {
        if (spec.weight() == 0) {
            boolean fault = spec.reverse() ? value == 0 : value != 0;
            return fault ? WEIGHT_FAULT : 0;
        }
        long product;
        try {
            product = Math.multiplyExact(value, spec.weight() * (spec.reverse() ? -1 : 1));
        } catch (ArithmeticException overflow) {
            product = (value < 0) == (spec.weight() * (spec.reverse() ? -1 : 1) < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return Math.max(WEIGHT_FAULT, Math.min(Integer.MAX_VALUE, product));
    }
}
