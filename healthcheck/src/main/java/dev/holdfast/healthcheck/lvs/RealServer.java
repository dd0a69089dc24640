package dev.holdfast.healthcheck.lvs;

import dev.holdfast.healthcheck.checker.Checker;
import dev.holdfast.healthcheck.checker.CheckerReport;
import dev.holdfast.healthcheck.checker.ScheduledChecker;
import dev.holdfast.healthcheck.spec.CheckerSpec;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One real server of one virtual server: rolls its checkers up into alive/dead and an effective weight
 * (update_svr_checker_state, set_checker_state). The server goes down with the first failing checker and comes
 * back only when the last failing checker recovers; a server without checkers is always up.
 */
public final class RealServer {
    private final RealServerSpec spec;
    private final List<Checker> checkers = new ArrayList<>();
    private boolean alive;
    private int failedCheckers;
    private long appliedWeight;
    /** state carried over from the previous configuration: not recomputed at start */
    private boolean carried;

    RealServer(RealServerSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** Called once all checkers exist: alpha checkers start down, so their server starts out of the pool. */
    void attach(List<Checker> attached) {
        checkers.addAll(attached);
        recount();
    }

    boolean carried() {
        return carried;
    }

    /**
     * Reload (clear_diff_rs, migrate_checkers): takes over the previous incarnation's alive state and the state of
     * every checker whose probe is unchanged. Returns true when no checker fails any more although the server was
     * down, i.e. it must come up now.
     */
    boolean continueFrom(RealServer previous) {
        carried = true;
        alive = previous.alive;
        List<CheckerSpec> newSpecs = spec.checkers();
        List<CheckerSpec> oldSpecs = previous.spec.checkers();
        boolean[] taken = new boolean[previous.checkers.size()];
        boolean[] continued = new boolean[checkers.size()];
        for (int i = 0; i < checkers.size(); i++) {
            if (!(checkers.get(i) instanceof ScheduledChecker fresh)) {
                continue;
            }
            for (int j = 0; j < previous.checkers.size(); j++) {
                if (!taken[j] && previous.checkers.get(j).getClass() == fresh.getClass()
                        && sameProbe(newSpecs.get(i), oldSpecs.get(j))) {
                    fresh.continueFrom((ScheduledChecker) previous.checkers.get(j));
                    taken[j] = true;
                    continued[i] = true;
                    break;
                }
            }
        }
        boolean failing = false;
        boolean anyRun = false;
        for (int i = 0; i < checkers.size(); i++) {
            Checker checker = checkers.get(i);
            if (continued[i] && checker.hasRun()) {
                anyRun = true;
                failing |= !checker.isUp();
            }
        }
        for (int i = 0; i < checkers.size(); i++) {
            if (!continued[i] && checkers.get(i) instanceof ScheduledChecker fresh) {
                fresh.startFresh(failing || (!alive && !anyRun));
            }
        }
        failedCheckers = (int) checkers.stream().filter(c -> !c.isUp()).count();
        boolean comesUp = failedCheckers == 0 && !alive;
        if (failedCheckers > 0) {
            alive = false;
        }
        appliedWeight = weight();
        return comesUp;
    }

    /**
     * Whether two checker blocks probe the same thing (keepalived's per-type compare): every field but the timing
     * policy, so a changed delay_loop or retry keeps the checker's state.
     */
    static boolean sameProbe(CheckerSpec a, CheckerSpec b) {
        if (a.getClass() != b.getClass() || !a.getClass().isRecord()) {
            return false;
        }
        for (RecordComponent component : a.getClass().getRecordComponents()) {
            if (component.getName().equals("policy")) {
                continue;
            }
            try {
                if (!Objects.equals(component.getAccessor().invoke(a), component.getAccessor().invoke(b))) {
                    return false;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }
        return true;
    }

    /** Derives the starting state from the checkers' own (alpha, tracked file values read before start). */
    void recount() {
        failedCheckers = (int) checkers.stream().filter(c -> !c.isUp()).count();
        alive = failedCheckers == 0;
        appliedWeight = weight();
    }

    public RealServerSpec spec() {
        return spec;
    }

    public List<Checker> checkers() {
        return List.copyOf(checkers);
    }

    public boolean alive() {
        return alive;
    }

    void alive(boolean alive) {
        this.alive = alive;
    }

    public int failedCheckers() {
        return failedCheckers;
    }

    /** Configured weight plus every checker's dynamic contribution, unclamped. */
    public long effectiveWeight() {
        long sum = spec.weight();
        for (Checker checker : checkers) {
            sum += checker.weight();
        }
        return sum;
    }

    /** The weight IPVS gets: the effective weight clamped to 0..INT32_MAX (keepalived's real_weight). */
    public long weight() {
        return Math.max(0, Math.min(Integer.MAX_VALUE, effectiveWeight()));
    }

    /**
     * Its IPVS destination right now, if it should be in the table: live servers at their weight, failed ones at
     * weight 0 with inhibit_on_failure; while the sorry server serves, only inhibited servers stay, at weight 0.
     */
    Optional<Destination> destination(boolean sorryServerActive) {
        long w;
        if (sorryServerActive) {
            if (!spec.inhibitOnFailure()) {
                return Optional.empty();
            }
            w = 0;
        } else if (alive) {
            w = weight();
        } else if (spec.inhibitOnFailure()) {
            w = 0;
        } else {
            return Optional.empty();
        }
        return Optional.of(new Destination(spec.address(), spec.port(), w, spec.forwarding(), spec.upperThreshold(),
                spec.lowerThreshold(), false));
    }

    boolean isAt(Destination destination) {
        return !destination.sorryServer() && destination.address().equals(spec.address())
                && destination.port() == spec.port();
    }

    /** The weight last taken into account; differs from {@link #weight()} until the change is processed. */
    long appliedWeight() {
        return appliedWeight;
    }

    void appliedWeight(long weight) {
        appliedWeight = weight;
    }

    /** What a checker report means for the server as a whole. */
    enum Change {
        NONE,
        UP,
        DOWN,
        /** no state change, but keepalived still runs the server's notify (an alpha checker's first failure) */
        CONFIRMED_DOWN
    }

    Change apply(CheckerReport report) {
        switch (report.kind()) {
            case WEIGHT:
                return Change.NONE;
            case FIRST_RESULT:
                return report.up() ? Change.NONE : Change.CONFIRMED_DOWN;
            default:
                break;
        }
        Change change = Change.NONE;
        if (report.up()) {
            if (failedCheckers <= 1 && !alive) {
                change = Change.UP;
            }
            failedCheckers = Math.max(0, failedCheckers - 1);
        } else {
            if (failedCheckers == 0 && alive) {
                change = Change.DOWN;
            }
            failedCheckers++;
        }
        return change;
    }
}
