package dev.holdfast.healthcheck.lvs;

import dev.holdfast.healthcheck.checker.Checker;
import dev.holdfast.healthcheck.checker.CheckerListener;
import dev.holdfast.healthcheck.checker.CheckerReport;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.checker.ProbeChecker;
import dev.holdfast.healthcheck.checker.ProbeFactory;
import dev.holdfast.healthcheck.checker.ScheduledChecker;
import dev.holdfast.healthcheck.checker.SharedProbes;
import dev.holdfast.healthcheck.checker.TrackedFileChecker;
import dev.holdfast.healthcheck.checker.UrlWalkChecker;
import dev.holdfast.healthcheck.spec.CheckerSpec;
import dev.holdfast.healthcheck.spec.FileCheckSpec;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.ScheduledCheckSpec;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.healthcheck.spec.SorryServerSpec;
import dev.holdfast.healthcheck.spec.TextualAddress;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import dev.holdfast.healthcheck.time.Scheduler;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One virtual server: its real servers, its quorum and its sorry server (keepalived's ipwrapper.c). Every change
 * ends in {@link #flush()}: the desired destinations are recomputed from state and emitted if they differ, then
 * the notifications the change produced are delivered. All methods run on the scheduler thread.
 *
 * <p>Destinations are a pure function of state: while the sorry server is active only it (weight 1) and the
 * inhibited real servers (weight 0) are present; otherwise live servers carry their effective weight, dead
 * inhibited servers weight 0, dead others are absent, and an unused sorry server with sorry_server_inhibit stays
 * at weight 0.
 */
public final class VirtualServer {
    private static final System.Logger LOG = System.getLogger(VirtualServer.class.getName());

    private final VirtualServerSpec spec;
    private final Quorum quorum;
    private final LvsOutput output;
    private final List<RealServer> realServers = new ArrayList<>();
    private final List<Notification> pending = new ArrayList<>();
    private final Optional<SorryServer> sorryServer;

    private boolean quorumUp;
    private boolean started;
    private boolean stopped;
    private DesiredDestinations published;
    /** reload: servers whose last failing checker went away with the old configuration */
    private final List<RealServer> comingUp = new ArrayList<>();

    public VirtualServer(VirtualServerSpec spec, ProbeFactory probes, Scheduler scheduler, RandomGenerator random,
                         LvsOutput output) {
        this(spec, probes, new SharedProbes(), scheduler, random, output);
    }

    /**
     * @param shared the checkers other virtual servers of the same configuration built: a checker identical to one
     *               of theirs takes that one's results instead of probing (not under ha_suspend, which pauses
     *               checkers per virtual server)
     */
    public VirtualServer(VirtualServerSpec spec, ProbeFactory probes, SharedProbes shared, Scheduler scheduler,
                         RandomGenerator random, LvsOutput output) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.output = Objects.requireNonNull(output, "output");
        this.quorum = new Quorum(spec.quorum(), spec.hysteresis());
        this.sorryServer = spec.sorryServer().map(SorryServer::new);
        for (RealServerSpec rsSpec : spec.realServers()) {
            RealServer rs = new RealServer(rsSpec);
            List<Checker> checkers = new ArrayList<>();
            for (CheckerSpec checkerSpec : rsSpec.checkers()) {
                String name = checkerSpec.type() + " " + format(rsSpec) + " of VS " + spec.address().format();
                CheckerListener listener = (checker, report) -> onReport(rs, checker, report);
                if (checkerSpec instanceof ScheduledCheckSpec timed) {
                    Optional<ScheduledChecker> leader = spec.haSuspend() ? Optional.empty()
                            : shared.leaderFor(timed, rsSpec);
                    ScheduledChecker checker;
                    if (timed instanceof HttpGetSpec http) {
                        List<Probe> urls = leader.map(l -> ((UrlWalkChecker) l).probes()).orElseGet(() ->
                                http.urls().stream().map(u -> probes.urlProbe(http, u, rsSpec)).toList());
                        checker = new UrlWalkChecker(name, http.policy(), urls, http.fastRecovery(), scheduler,
                                random, listener);
                    } else {
                        Probe probe = leader.map(l -> ((ProbeChecker) l).probe())
                                .orElseGet(() -> probes.probe(timed, rsSpec));
                        checker = new ProbeChecker(name, timed.policy(), probe, scheduler, random, listener);
                    }
                    if (leader.isPresent()) {
                        leader.get().lead(checker);
                    } else if (!spec.haSuspend()) {
                        shared.leads(timed, rsSpec, checker);
                    }
                    checkers.add(checker);
                } else if (checkerSpec instanceof FileCheckSpec file) {
                    checkers.add(new TrackedFileChecker(name, file, listener));
                }
            }
            rs.attach(checkers);
            realServers.add(rs);
        }
    }

    public VirtualServerSpec spec() {
        return spec;
    }

    public ServiceAddress service() {
        return spec.address();
    }

    public List<RealServer> realServers() {
        return List.copyOf(realServers);
    }

    public boolean quorumUp() {
        return quorumUp;
    }

    public Optional<SorryServer> sorryServer() {
        return sorryServer;
    }

    public boolean sorryServerActive() {
        return sorryServer.map(SorryServer::active).orElse(false);
    }

    /** Sum of the clamped weights of live real servers (weigh_live_realservers). */
    public long liveWeight() {
        long sum = 0;
        for (RealServer rs : realServers) {
            if (rs.alive()) {
                sum += rs.weight();
            }
        }
        return sum;
    }

    /** A copy of the current state that other threads may read. */
    public VirtualServerStatus status() {
        return VirtualServerStatus.of(this);
    }

    /** The destinations this virtual server wants now. */
    public DesiredDestinations desired() {
        if (stopped) {
            return new DesiredDestinations(spec.address(), false, List.of());
        }
        boolean sorryActive = sorryServerActive();
        List<Destination> destinations = new ArrayList<>();
        realServers.forEach(rs -> rs.destination(sorryActive).ifPresent(destinations::add));
        sorryServer.ifPresent(sorry -> sorry.destination().ifPresent(d -> {
            // a sorry server that is also a real server (s_svr_duplicates_rs) shares one IPVS destination
            if (sorry.active()) {
                destinations.removeIf(sorry::isAt);
                destinations.add(d);
            } else if (destinations.stream().noneMatch(sorry::isAt)) {
                destinations.add(d);
            }
        }));
        return new DesiredDestinations(spec.address(), true, destinations);
    }

    /**
     * Puts the live real servers in the pool, computes the starting quorum (init_service_vs) and starts the
     * checkers.
     */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        realServers.stream().filter(rs -> !rs.carried()).forEach(RealServer::recount);
        comingUp.forEach(rs -> setAlive(rs, true, "no failing checker after reload"));
        comingUp.clear();
        if (spec.rsInitNotifies()) {
            for (RealServer rs : realServers) {
                if (rs.alive() && !rs.carried()) {
                    pending.add(realServerChanged(rs, true, "starting up", false));
                }
            }
        }
        updateQuorum(true);
        flush();
        for (RealServer rs : realServers) {
            rs.checkers().forEach(Checker::start);
        }
    }

    /**
     * Shuts down: every destination and the service go, and with omega the live servers' notify_down and the
     * quorum_down run (clear_service_vs).
     */
    public void stop() {
        if (stopped) {
            return;
        }
        LOG.log(Level.INFO, "Shutting down VS " + vsName());
        List<RealServer> inPool = takeDown();
        if (spec.omega()) {
            for (RealServer rs : inPool) {
                pending.add(realServerChanged(rs, false, "shutting down", true));
            }
            // keepalived runs quorum_down at shutdown even when the quorum was already down
            pending.add(new Notification.QuorumChanged(spec.address(), false, false, true, spec.quorum(),
                    spec.hysteresis(), quorum.threshold(true), liveWeight()));
        }
        flush();
    }

    /**
     * Reload: this virtual server is gone from the new configuration. Its service and destinations go; unlike a
     * shutdown, the live servers' notify_down and a quorum_down (if the quorum was up) always run.
     */
    public void remove() {
        if (stopped) {
            return;
        }
        LOG.log(Level.INFO, "Removing Virtual Server " + vsName());
        boolean wasUp = quorumUp;
        for (RealServer rs : takeDown()) {
            pending.add(realServerChanged(rs, false, "removed from the configuration", false));
        }
        if (wasUp) {
            pending.add(new Notification.QuorumChanged(spec.address(), false, false, false, spec.quorum(),
                    spec.hysteresis(), quorum.threshold(true), liveWeight()));
        }
        flush();
    }

    /** Stops the checkers and marks every server that was live and in the pool as down; returns those. */
    private List<RealServer> takeDown() {
        List<RealServer> inPool = new ArrayList<>();
        for (RealServer rs : realServers) {
            rs.checkers().forEach(Checker::stop);
            if (rs.alive() && inPool(rs)) {
                inPool.add(rs);
                rs.alive(false);
            }
        }
        stopped = true;
        sorryServer.ifPresent(sorry -> sorry.active(false));
        quorumUp = false;
        return inPool;
    }

    private boolean inPool(RealServer rs) {
        return desired().destinations().stream().anyMatch(rs::isAt);
    }

    /**
     * Reload (clear_diff_services): this virtual server replaces {@code previous}, the same service in the old
     * configuration. Call before {@link #start()}. The previous one stops checking and emits nothing more; quorum
     * and sorry-server state carry over, kept real servers keep their state and that of unchanged checkers, real
     * servers that left the configuration get their notify_down if they were live and in the pool.
     */
    public void takeOver(VirtualServer previous) {
        if (started) {
            throw new IllegalStateException("takeOver must come before start");
        }
        List<RealServer> previousPool = new ArrayList<>();
        for (RealServer old : previous.realServers) {
            if (old.alive() && previous.inPool(old)) {
                previousPool.add(old);
            }
            old.checkers().forEach(Checker::stop);
        }
        previous.stopped = true;
        quorumUp = previous.quorumUp;
        sorryServer.ifPresent(sorry -> previous.sorryServer.filter(sorry::sameServer)
                .ifPresent(old -> sorry.active(old.active())));
        published = previous.published;
        for (RealServer old : previous.realServers) {
            Optional<RealServer> kept = realServers.stream().filter(rs -> rs.spec().address()
                    .equals(old.spec().address()) && rs.spec().port() == old.spec().port()).findFirst();
            if (kept.isPresent()) {
                if (kept.get().continueFrom(old)) {
                    comingUp.add(kept.get());
                }
            } else if (previousPool.contains(old)) {
                LOG.log(Level.INFO, "service " + format(old.spec()) + " no longer exist");
                pending.add(realServerChanged(old, false, "removed from the configuration", false));
            }
        }
    }

    /**
     * ha_suspend: checkers pause while the virtual address is absent from this host. Ignored unless the virtual
     * server has ha_suspend.
     */
    public void setHaSuspended(boolean suspended) {
        if (!spec.haSuspend()) {
            return;
        }
        for (RealServer rs : realServers) {
            rs.checkers().forEach(c -> c.setEnabled(!suspended));
        }
    }

    /**
     * A track_file now holds {@code value}: every FILE_CHECK following it takes the value at once. Before
     * {@link #start()} the value only sets the starting state.
     */
    public void trackedFileChanged(String file, long value) {
        for (RealServer rs : realServers) {
            for (Checker checker : rs.checkers()) {
                if (checker instanceof TrackedFileChecker tracked && tracked.spec().file().equals(file)) {
                    tracked.update(value);
                }
            }
        }
    }

    private void onReport(RealServer rs, Checker checker, CheckerReport report) {
        if (stopped || !started) {
            return;
        }
        updateWeight(rs);
        switch (rs.apply(report)) {
            case UP -> setAlive(rs, true, report.reason());
            case DOWN -> setAlive(rs, false, report.reason());
            case CONFIRMED_DOWN -> pending.add(realServerChanged(rs, rs.alive(), report.reason(), false));
            case NONE -> {
            }
        }
        flush();
    }

    /** update_svr_wgt: a new weight matters to the quorum only once its clamped value changes. */
    private void updateWeight(RealServer rs) {
        long newWeight = rs.weight();
        long oldWeight = rs.appliedWeight();
        if (newWeight == oldWeight) {
            return;
        }
        rs.appliedWeight(newWeight);
        LOG.log(Level.INFO, "Changing weight from " + oldWeight + " to " + newWeight + " for "
                + (rs.alive() ? "" : "in") + "active service " + format(rs.spec()) + " of VS " + vsName());
        updateQuorum(false);
    }

    /** perform_svr_state */
    private void setAlive(RealServer rs, boolean alive, String reason) {
        if (rs.alive() == alive) {
            return;
        }
        boolean inhibit = rs.spec().inhibitOnFailure();
        LOG.log(Level.INFO, (alive ? (inhibit ? "Enabling" : "Adding") : (inhibit ? "Disabling" : "Removing"))
                + " service " + format(rs.spec()) + " " + (inhibit ? "of" : alive ? "to" : "from") + " VS "
                + vsName() + ": " + reason);
        rs.alive(alive);
        pending.add(realServerChanged(rs, alive, reason, false));
        updateQuorum(false);
    }

    /** update_quorum_state */
    private void updateQuorum(boolean starting) {
        long weightSum = liveWeight();
        long threshold = quorum.threshold(quorumUp);
        if (quorum.gained(quorumUp, weightSum)) {
            quorumUp = true;
            LOG.log(Level.INFO, (starting ? "Starting with quorum up " : "Gained quorum ") + spec.quorum() + "+"
                    + spec.hysteresis() + "=" + threshold + " <= " + weightSum + " for VS " + vsName());
            if (sorryServerActive()) {
                sorryServer.get().active(false);
                LOG.log(Level.INFO, (sorryServer.get().spec().inhibit() ? "Disabling" : "Removing") + " sorry server "
                        + formatSorry() + " from VS " + vsName());
            }
            pending.add(quorumChanged(starting, threshold, weightSum));
        } else if (quorum.lost(quorumUp, weightSum)
                || (starting && !quorumUp && sorryServer.isPresent() && !sorryServerActive())) {
            // keepalived only reports a quorum that starts down when there is a sorry server to put in
            quorumUp = false;
            LOG.log(Level.INFO, (starting ? "Starting with quorum down " : "Lost quorum ") + spec.quorum() + "-"
                    + spec.hysteresis() + "=" + threshold + " > " + weightSum + " for VS " + vsName());
            if (sorryServer.isPresent() && !sorryServerActive()) {
                sorryServer.get().active(true);
                LOG.log(Level.INFO, (sorryServer.get().spec().inhibit() ? "Enabling" : "Adding") + " sorry server "
                        + formatSorry() + " to VS " + vsName());
            }
            pending.add(quorumChanged(starting, threshold, weightSum));
        }
    }

    private Notification quorumChanged(boolean starting, long threshold, long weightSum) {
        return new Notification.QuorumChanged(spec.address(), quorumUp, starting, false, spec.quorum(),
                spec.hysteresis(), threshold, weightSum);
    }

    private Notification realServerChanged(RealServer rs, boolean up, String reason, boolean stopping) {
        return new Notification.RealServerChanged(spec.address(), rs.spec().address(), rs.spec().port(), up, reason,
                stopping);
    }

    /** Emits the destinations if they changed, then the notifications queued by the same change. */
    private void flush() {
        DesiredDestinations desired = desired();
        if (!desired.equals(published)) {
            published = desired;
            output.destinations(desired);
        }
        List<Notification> deliver = List.copyOf(pending);
        pending.clear();
        deliver.forEach(output::notify);
    }

    private String format(RealServerSpec rs) {
        return TextualAddress.trio(rs.address(), spec.address().protocol(), rs.port());
    }

    private String vsName() {
        return spec.address().format();
    }

    private String formatSorry() {
        SorryServerSpec sorry = sorryServer.orElseThrow().spec();
        return TextualAddress.trio(sorry.address(), spec.address().protocol(), sorry.port());
    }
}
