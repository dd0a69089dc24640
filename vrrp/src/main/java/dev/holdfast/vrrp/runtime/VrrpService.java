package dev.holdfast.vrrp.runtime;

import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.VirtualAddress;
import dev.holdfast.netlink.ffi.Native;
import dev.holdfast.netlink.route.Addresses;
import dev.holdfast.vrrp.dispatch.AdvertDispatcher;
import dev.holdfast.vrrp.dispatch.InstanceCounters;
import dev.holdfast.vrrp.packet.IpFamily;
import dev.holdfast.vrrp.packet.OutgoingAdverts;
import dev.holdfast.vrrp.packet.RejectCounts;
import dev.holdfast.vrrp.state.Action;
import dev.holdfast.vrrp.state.Event;
import dev.holdfast.vrrp.state.ExecutorScheduler;
import dev.holdfast.vrrp.state.VrrpInstance;
import dev.holdfast.vrrp.state.VrrpState;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The running VRRP instances of one configuration. {@link #start} opens the sockets and starts every
 * vrrp_instance; {@link #stop} makes each master send a priority-0 advert and drop its VIPs, then closes
 * everything.
 *
 * <p>Threads: every state machine and timer runs on one thread ({@code holdfast-vrrp}), which also sends the
 * adverts, so nothing slow can hold an advert back. One receive thread per socket hands datagrams to it.
 * VIP changes, gratuitous ARPs and the listener run in order on a second thread ({@code holdfast-vrrp-effects});
 * a slow listener delays those, never an advert.
 */
public final class VrrpService implements AutoCloseable {
    private static final Logger LOG = System.getLogger("holdfast.vrrp");
    /** How often tracked interfaces are looked at; a link change reaches the instance within this. */
    static final long LINK_POLL_MILLIS = 200;

    /** What the runtime tells its owner (the daemon: notify scripts, FIFO, status). */
    public interface Listener {
        /** An instance changed state; called in order, on the effects thread, after the VIPs were changed. */
        void stateChanged(String instance, VrrpState from, VrrpState to, int priority);

        /** Something the operator should know: a setting reset, an instance that cannot run, a failed VIP. */
        default void warning(String message) {
        }

        /** A MASTER heard a lower-priority master (keepalived's notify_master_rx_lower_pri, FIFO MASTER_RX_LOWER_PRI). */
        default void masterReceivedLowerPriority(String instance, java.net.InetAddress from, int priority) {
        }

        /** The effective priority changed (FIFO MASTER_PRIORITY / BACKUP_PRIORITY lines). */
        default void priorityChanged(String instance, int from, int to) {
        }

        /**
         * A vrrp_sync_group changed state (MASTER when all members are, BACKUP when all are, FAULT when one
         * is, STOP when all stopped): the group's notify scripts. Called after the member's stateChanged.
         */
        default void groupStateChanged(String group, VrrpState from, VrrpState to) {
        }

        /**
         * A reload matched this instance to a running one and it resumed in the state that one had (MASTER or
         * BACKUP): no transition happened, so no notify script runs (keepalived does not run them either).
         */
        default void kept(String instance, VrrpState state, int priority) {
        }
    }

    private final Listener listener;
    private final ScheduledThreadPoolExecutor timers;
    private final ExecutorService effects;
    private final ScheduledThreadPoolExecutor links;
    private final ScheduledThreadPoolExecutor scriptThreads;
    private final TrackerBoard board;
    private final LinkWatcher linkWatcher;
    private TrackerSetup trackers;
    private SyncGroups syncGroups;
    private final Map<String, VrrpState> states = new ConcurrentHashMap<>();
    private final List<Running> instances = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();
    private final RejectCounts rejects = new RejectCounts();
    private Addresses addresses;
    private GarpSocket garp;
    private VirtualAddresses vips;
    private volatile boolean stopped;
    /** What a reload carried over from the matched instances of the previous service (empty at a fresh start). */
    private final Map<InstanceKey, Kept> carried;
    /** Instances resumed from {@link #carried} whose first state change is a resumption, not a transition. */
    private final Map<String, VrrpState> resuming = new ConcurrentHashMap<>();

    private record Running(InstanceKey key, InstancePlan plan, VrrpInstance instance, InstanceCounters counters) {
    }

    /** A matched instance's state, counters and installed VIPs, handed from the old service to the new. */
    private record Kept(String name, VrrpState state, InstanceCounters counters, List<VirtualAddress> vips,
                        String interfaceName) {
    }

    private VrrpService(Listener listener, Map<InstanceKey, Kept> carried) {
        this.listener = Objects.requireNonNull(listener);
        this.carried = carried;
        this.timers = new ScheduledThreadPoolExecutor(1, r -> thread(r, "holdfast-vrrp", Thread.MAX_PRIORITY));
        this.timers.setRemoveOnCancelPolicy(true);
        this.effects = Executors.newSingleThreadExecutor(r -> thread(r, "holdfast-vrrp-effects", Thread.NORM_PRIORITY));
        this.links = new ScheduledThreadPoolExecutor(1, r -> thread(r, "holdfast-vrrp-links", Thread.NORM_PRIORITY));
        this.scriptThreads = new ScheduledThreadPoolExecutor(2, r -> thread(r, "holdfast-vrrp-scripts", Thread.NORM_PRIORITY));
        this.board = new TrackerBoard(timers);
        this.linkWatcher = new LinkWatcher(board);
    }

    /**
     * Starts every vrrp_instance of {@code config} that can run. An instance that cannot (IPv6, VMAC, no
     * interface address, ...) is reported to {@link Listener#warning} and left out, as keepalived leaves out
     * instances it cannot complete. Needs CAP_NET_RAW and CAP_NET_ADMIN.
     *
     * @throws dev.holdfast.netlink.NetlinkException when a socket cannot be opened (not root, no interface)
     */
    public static VrrpService start(KeepalivedConfig config, Listener listener) {
        return start(config, listener, VirtualAddresses::primaryAddress);
    }

    static VrrpService start(KeepalivedConfig config, Listener listener,
                             Function<String, Inet4Address> primaryAddress) {
        VrrpService service = new VrrpService(listener, Map.of());
        try {
            service.open(config, primaryAddress);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
        return service;
    }

    private void open(KeepalivedConfig config, Function<String, Inet4Address> primaryAddress) {
        List<InstancePlan> plans = new ArrayList<>();
        Map<InstancePlan, InstanceKey> keys = new java.util.IdentityHashMap<>();
        for (var m : config.vrrpInstances()) {
            try {
                if (m.iface() != null && !LinkWatcher.exists(m.iface())) {
                    throw new InstancePlan.Unusable("vrrp_instance " + m.name() + ": interface " + m.iface()
                            + " does not exist");
                }
                InstancePlan plan = InstancePlan.of(m, config.globalDefs(), primaryAddress);
                plan.warnings().forEach(listener::warning);
                plans.add(plan);
                keys.put(plan, InstanceKey.of(m, config.globalDefs()));
            } catch (InstancePlan.Unusable e) {
                listener.warning(e.getMessage() + "; instance not started");
            }
        }
        if (plans.isEmpty()) {
            return; // nothing to run: no sockets, so no privileges needed either
        }
        addresses = Addresses.open();
        garp = GarpSocket.open();
        vips = new VirtualAddresses(addresses, garp);
        ExecutorScheduler scheduler = new ExecutorScheduler(timers);
        syncGroups = new SyncGroups(config.vrrpSyncGroups(), timers);
        Map<String, Receiver> byKey = new LinkedHashMap<>();
        for (InstancePlan plan : plans) {
            String key = plan.interfaceName() + "/" + plan.protocol();
            Receiver receiver = byKey.get(key);
            if (receiver == null) {
                int index = Native.interfaceIndex(plan.interfaceName());
                receiver = new Receiver(VrrpSocket.open(plan.interfaceName(), index, plan.protocol()),
                        new AdvertDispatcher(IpFamily.IPV4, rejects));
                byKey.put(key, receiver);
                receivers.add(receiver);
            }
            if (plan.group() != null && receiver.groups.add(plan.group())) {
                receiver.socket.join(plan.group());
            }
            List<OutgoingAdverts> outgoing = new ArrayList<>();
            for (Inet4Address destination : plan.destinations()) {
                outgoing.add(new OutgoingAdverts(plan.template(), plan.authentication(), plan.checksumMode(),
                        plan.config().primaryAddress(), destination, plan.ttl()));
            }
            Receiver r = receiver;
            InstanceKey identity = keys.get(plan);
            Kept kept = carried.get(identity);
            InstanceCounters counters = kept != null ? kept.counters() : new InstanceCounters();
            VrrpInstance[] self = new VrrpInstance[1];
            VrrpInstance instance = new VrrpInstance(plan.config(), scheduler,
                    action -> act(plan, self[0], counters, r.socket, outgoing, action), syncGroups);
            self[0] = instance;
            if (kept != null) {
                instance.resumeAs(kept.state());
                resuming.put(plan.config().name(), kept.state());
            }
            try {
                r.dispatcher.register(instance, plan.rules(), counters);
            } catch (IllegalArgumentException e) {
                listener.warning("vrrp_instance " + plan.config().name() + ": " + e.getMessage() + " on "
                        + plan.interfaceName() + "; instance not started");
                continue;
            }
            instances.add(new Running(identity, plan, instance, counters));
            syncGroups.register(instance);
            if (!plan.dontTrackPrimary()) {
                linkWatcher.watch(plan.interfaceName(), 0, false, instance);
            }
            for (InstancePlan.TrackedInterface t : plan.trackInterfaces()) {
                linkWatcher.watch(t.name(), t.weight(), t.reverse(), instance);
            }
            states.put(plan.config().name(), VrrpState.INIT);
        }
        Map<String, VrrpInstance> byName = new LinkedHashMap<>();
        instances.forEach(r -> byName.put(r.plan.config().name(), r.instance));
        trackers = new TrackerSetup(config, board, listener::warning);
        trackers.wire(config, byName, scriptThreads, linkWatcher::watch);
        for (Running r : instances) {
            InstancePlan plan = r.plan;
            Kept kept = carried.get(r.key);
            if (kept != null && kept.state() == VrrpState.MASTER) {
                // a master kept by a reload keeps its VIPs: only those the new configuration dropped go
                List<VirtualAddress> dropped = kept.vips().stream().filter(v -> !plan.vips().contains(v)).toList();
                effect(plan.config().name(), "remove dropped VIPs", () -> vips.remove(dropped, kept.interfaceName()));
            } else {
                // keepalived (vrrp_restore_interfaces_startup) too: VIPs left by a crashed run would be a split brain
                effect(plan.config().name(), "remove leftover VIPs", () -> vips.remove(plan.vips(), plan.interfaceName()));
            }
        }
        for (Receiver r : receivers) {
            r.thread.start();
        }
        // a tracked interface (or file, or process) that is down now makes its instance start in FAULT
        pollTrackers();
        board.startWhenReady(instances.stream().map(Running::instance).toList());
        trackers.scripts.forEach(ScriptTracker::start);
        links.scheduleWithFixedDelay(this::pollTrackers, LINK_POLL_MILLIS, LINK_POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * A reload of the VRRP half: the instances of {@code next} that match a running one (by {@link InstanceKey}, as
     * keepalived matches them, not by name) resume in its state - a MASTER keeps advertising and keeps its VIPs,
     * only VIPs the new configuration dropped are removed, a BACKUP keeps waiting - and their notify scripts do not
     * run again ({@link Listener#kept}). Instances no longer configured stop as at shutdown (priority-0 advert, VIPs
     * removed, STOP); new ones start as at a fresh start. The running service falls silent first, the new one opens
     * its sockets and sends its first adverts, then the old sockets close, so a kept master's adverts pause only for
     * the time the new service takes to start. This service is stopped afterwards, whatever happens.
     *
     * @return the service running {@code next}
     * @throws dev.holdfast.netlink.NetlinkException when the new sockets cannot be opened; the kept masters' VIPs are
     *                                               then removed (no VRRP runs, so they must not stay)
     */
    public VrrpService reload(KeepalivedConfig next, Listener nextListener) {
        java.util.Set<InstanceKey> wanted = new java.util.HashSet<>();
        next.vrrpInstances().forEach(m -> wanted.add(InstanceKey.of(m, next.globalDefs())));
        Map<InstanceKey, Kept> kept = handOver(wanted);
        LOG.log(Level.INFO, "VRRP reload: " + kept.size() + " instance(s) matched and kept, "
                + (instances.size() - kept.size()) + " stopped, " + (next.vrrpInstances().size() - kept.size())
                + " to start");
        kept.forEach((key, k) -> LOG.log(Level.INFO, "(" + k.name() + ") " + key + " matched, resuming as " + k.state()));
        VrrpService fresh = new VrrpService(nextListener, kept);
        try {
            fresh.open(next, VirtualAddresses::primaryAddress);
        } catch (RuntimeException e) {
            fresh.stop();
            kept.values().stream().filter(k -> k.state() == VrrpState.MASTER).forEach(k -> effect(k.name(),
                    "remove VIPs (the reloaded VRRP could not start)", () -> vips.remove(k.vips(), k.interfaceName())));
            stop();
            throw e;
        }
        stop();
        return fresh;
    }

    /**
     * On the VRRP thread: the instances {@code keep} names fall silent ({@link Event.Handover}), the others stop;
     * returns what the kept ones carry over, once their last effects (VIPs, notify) are done.
     */
    private Map<InstanceKey, Kept> handOver(java.util.Set<InstanceKey> keep) {
        Map<InstanceKey, Kept> kept = new LinkedHashMap<>();
        try {
            timers.submit(() -> {
                for (Running r : instances) {
                    VrrpState was = r.instance.state();
                    boolean resumable = was == VrrpState.MASTER || was == VrrpState.BACKUP || was == VrrpState.FAULT;
                    if (resumable && keep.contains(r.key) && !kept.containsKey(r.key)) {
                        kept.put(r.key, new Kept(r.plan.config().name(), was, r.counters, r.plan.vips(),
                                r.plan.interfaceName()));
                        r.instance.handle(new Event.Handover());
                    } else {
                        r.instance.handle(new Event.Stop());
                    }
                }
            }).get(5, TimeUnit.SECONDS);
            effects.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | RejectedExecutionException e) {
            LOG.log(Level.WARNING, "VRRP reload: handing over did not complete: " + e);
        }
        return kept;
    }

    /** Interfaces, track_files and track_processes, polled on the links thread. */
    private void pollTrackers() {
        linkWatcher.poll();
        for (FileTracker f : trackers.files) {
            board.report(f.tracker(), f.read());
        }
        for (ProcessTracker p : trackers.processes) {
            board.report(p.tracker(), p.read());
        }
    }

    /** Each instance's current state, by name. */
    public Map<String, VrrpState> states() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    /**
     * A read-only snapshot of every running instance: state, priorities, counters (see {@link InstanceStatus}).
     * Taken on the VRRP thread, so each instance's figures are consistent; after stop, the last states.
     */
    public List<InstanceStatus> snapshot() {
        java.util.concurrent.Callable<List<InstanceStatus>> take = () -> {
            List<InstanceStatus> list = new ArrayList<>();
            for (Running r : instances) {
                VrrpInstance vi = r.instance;
                String name = vi.config().name();
                list.add(new InstanceStatus(name, syncGroups.groupOf(name).orElse(null), vi.state(),
                        vi.basePriority(), vi.effectivePriority(), r.counters.sent(), r.counters.received(),
                        r.counters.rejects(), r.counters.transitions(), r.counters.lastTransition(),
                        board.faults(vi)));
            }
            return List.copyOf(list);
        };
        try {
            return timers.submit(take).get(2, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            try {
                return take.call();
            } catch (Exception inner) {
                return List.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return List.of();
        }
    }

    /** Each vrrp_sync_group's state, by name. */
    public Map<String, VrrpState> groupStates() {
        return syncGroups == null ? Map.of() : syncGroups.groupStates();
    }

    /** Packets refused, by reason: by the decoder, and adverts an instance did not act on. Thread-safe. */
    public RejectCounts rejects() {
        return rejects;
    }

    /**
     * Stops every instance: a master sends a priority-0 advert (so a backup takes over after its skew time,
     * not the whole master-down interval) and removes its VIPs; the listener hears STOP. Waits for all that,
     * then closes the sockets. Idempotent. Not to be called from the listener (it waits for the listener's
     * thread to finish).
     */
    public synchronized void stop() {
        stop(true);
    }

    /**
     * keepalived's {@code -V} ({@code --dont-release-vrrp}) with {@code release} false: every instance falls silent
     * as at a reload hand-over - no priority-0 advert, no notify, the VIPs stay on the interfaces - so a restart
     * within the peers' master-down interval keeps this node master. The next start removes leftover VIPs first, as
     * always. With {@code release} true, {@link #stop()}.
     */
    public synchronized void stop(boolean release) {
        if (stopped) {
            return;
        }
        stopped = true;
        Event last = release ? new Event.Stop() : new Event.Handover();
        links.shutdownNow();
        if (trackers != null) {
            trackers.scripts.forEach(ScriptTracker::stop);
        }
        scriptThreads.shutdownNow();
        try {
            timers.submit(() -> instances.forEach(r -> r.instance.handle(last))).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "VRRP stop did not complete: " + e);
        }
        timers.shutdownNow();
        for (Receiver r : receivers) {
            r.running = false;
        }
        effects.shutdown();
        try {
            timers.awaitTermination(2, TimeUnit.SECONDS);
            effects.awaitTermination(10, TimeUnit.SECONDS);
            for (Receiver r : receivers) {
                r.thread.join(2 * VrrpSocket.RECEIVE_TIMEOUT_MILLIS + 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Receiver r : receivers) {
            r.socket.close();
        }
        if (garp != null) {
            garp.close();
        }
        if (addresses != null) {
            addresses.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** On the timer thread: adverts go out at once, everything else is queued for the effects thread. */
    private void act(InstancePlan plan, VrrpInstance instance, InstanceCounters counters, VrrpSocket socket,
                     List<OutgoingAdverts> outgoing, Action action) {
        String name = plan.config().name();
        if (action instanceof Action.SendAdvert send) {
            for (int i = 0; i < outgoing.size(); i++) {
                try {
                    socket.send(outgoing.get(i).next(send.priority()), plan.destinations().get(i));
                    counters.advertSent();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "(" + name + ") advert not sent: " + e.getMessage());
                }
            }
        } else if (action instanceof Action.AddVips) {
            effect(name, "add VIPs", () -> vips.add(plan.vips(), plan.interfaceName()));
        } else if (action instanceof Action.RemoveVips) {
            effect(name, "remove VIPs", () -> vips.remove(plan.vips(), plan.interfaceName()));
        } else if (action instanceof Action.SendGarp garpAction) {
            effect(name, "send gratuitous ARPs",
                    () -> vips.announce(plan.vips(), plan.interfaceName(), garpAction.repeat()));
        } else if (action instanceof Action.StateChanged change
                && change.from() == VrrpState.INIT && resuming.remove(name, change.to())) {
            states.put(name, change.to());
            syncGroups.stateChanged(instance, change.from(), change.to());
            LOG.log(Level.INFO, "(" + name + ") kept in " + change.to() + " STATE across the reload");
            effect(name, "notify", () -> listener.kept(name, change.to(), change.priority()));
        } else if (action instanceof Action.StateChanged change) {
            states.put(name, change.to());
            counters.transition(java.time.Instant.now());
            LOG.log(Level.INFO, "(" + name + ") Entering " + change.to() + " STATE");
            effect(name, "notify", () -> listener.stateChanged(name, change.from(), change.to(), change.priority()));
            syncGroups.stateChanged(instance, change.from(), change.to()).ifPresent(g -> {
                LOG.log(Level.INFO, "VRRP_Group(" + g.group() + ") " + g.from() + " -> " + g.to());
                effect(g.group(), "notify", () -> listener.groupStateChanged(g.group(), g.from(), g.to()));
            });
        } else if (action instanceof Action.AdvertIgnored ignored) {
            rejects.count(ignored.reason());
            counters.rejected(ignored.reason());
            LOG.log(Level.DEBUG, () -> "(" + name + ") advert ignored: " + ignored.reason() + " " + ignored.detail());
        } else if (action instanceof Action.MasterReceivedLowerPriority lower) {
            LOG.log(Level.INFO, () -> "(" + name + ") master received lower priority advert from "
                    + lower.from().getHostAddress() + " (priority " + lower.priority() + ")");
            effect(name, "notify", () -> listener.masterReceivedLowerPriority(name, lower.from(), lower.priority()));
        } else if (action instanceof Action.PriorityChanged change) {
            effect(name, "notify", () -> listener.priorityChanged(name, change.from(), change.to()));
        }
    }

    private interface Effect {
        void run() throws Exception;
    }

    private void effect(String instance, String what, Effect effect) {
        try {
            effects.execute(() -> {
                try {
                    effect.run();
                } catch (Exception | LinkageError e) {
                    String message = "(" + instance + ") " + what + " failed: " + e.getMessage();
                    LOG.log(Level.WARNING, message);
                    try {
                        listener.warning(message);
                    } catch (RuntimeException ignored) {
                        // a failing listener must not stop the effects thread
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "(" + instance + ") " + what + " dropped: VRRP is stopping");
        }
    }

    /** One raw socket and the thread that reads it. */
    private final class Receiver {
        final VrrpSocket socket;
        final AdvertDispatcher dispatcher;
        final java.util.Set<Inet4Address> groups = new java.util.HashSet<>();
        final Thread thread;
        volatile boolean running = true;

        Receiver(VrrpSocket socket, AdvertDispatcher dispatcher) {
            this.socket = socket;
            this.dispatcher = dispatcher;
            this.thread = thread(this::loop, "holdfast-vrrp-rx-" + socket.interfaceName(), Thread.MAX_PRIORITY);
        }

        private void loop() {
            while (running) {
                byte[] datagram;
                try {
                    datagram = socket.receive();
                } catch (RuntimeException e) {
                    if (running) {
                        LOG.log(Level.WARNING, "VRRP receive on " + socket.interfaceName() + " failed: " + e.getMessage());
                        sleepQuietly();
                    }
                    continue;
                }
                if (datagram == null) {
                    continue;
                }
                try {
                    timers.execute(() -> dispatcher.receiveIpv4(datagram));
                } catch (RejectedExecutionException e) {
                    return;
                }
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread thread(Runnable r, String name, int priority) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setPriority(priority);
        return t;
    }
}
