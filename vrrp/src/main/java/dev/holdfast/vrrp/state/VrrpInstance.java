package dev.holdfast.vrrp.state;

import dev.holdfast.vrrp.packet.Advert;
import dev.holdfast.vrrp.packet.DecodeError;
import dev.holdfast.vrrp.packet.ReceivedAdvert;
import dev.holdfast.vrrp.packet.VrrpVersion;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One VRRP instance's state machine, following keepalived 2.2.7 (vrrp.c {@code vrrp_state_backup},
 * {@code vrrp_state_master_rx}, {@code vrrp_state_leave_master}; vrrp_scheduler.c; vrrp_track.c) and
 * RFC 3768 / RFC 5798 where keepalived follows them. Events go in through {@link #handle(Event)}, timers
 * fire through the injected {@link Scheduler}, and every effect leaves as an {@link Action} handed to the
 * sink, in order. Not thread-safe: feed it from the scheduler's thread.
 */
public final class VrrpInstance {
    private final InstanceConfig config;
    private final Scheduler scheduler;
    private final Consumer<Action> sink;
    private final SyncGate syncGate;
    /** A sync-group member whose master-down timer ran out while the gate said not yet. */
    private boolean wantsMaster;

    private VrrpState state = VrrpState.INIT;
    /** The state a reload carries over from the matched old instance; null for a fresh start. */
    private VrrpState resumeAs;
    /** Lowered to 254 when another router also claims to be the address owner, as keepalived does. */
    private int basePriority;
    private int weightSum;
    private int effectivePriority;
    /** Master_Adver_Interval: a VRRPv3 backup adopts the master's advert interval. */
    private int masterIntervalCentis;
    /** The current Master_Down_Interval; keepalived's ms_down_timer. */
    private long masterDownMicros;
    private InetAddress lastMasterSource;
    private int lastMasterPriority = -1;
    /** When a delayed preemption may happen (keepalived's preempt_time); valid only if preemptPending. */
    private long preemptAtNanos;
    private boolean preemptPending;
    private final Set<String> downTrackers = new HashSet<>();
    /** Highest AH sequence number accepted per sender, against replays. */
    private final Map<InetAddress, Long> ahSequences = new HashMap<>();

    /** The advert timer as MASTER, the master-down timer as BACKUP. */
    private final Timer mainTimer = new Timer();
    private final Timer garpTimer = new Timer();
    private final Timer lowerPrioGarpTimer = new Timer();
    private final Timer garpRefreshTimer = new Timer();

    public VrrpInstance(InstanceConfig config, Scheduler scheduler, Consumer<Action> sink) {
        this(config, scheduler, sink, SyncGate.NONE);
    }

    /** @param syncGate asked before a master-down timeout makes this instance MASTER (sync groups) */
    public VrrpInstance(InstanceConfig config, Scheduler scheduler, Consumer<Action> sink, SyncGate syncGate) {
        this.syncGate = Objects.requireNonNull(syncGate);
        this.config = Objects.requireNonNull(config);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.sink = Objects.requireNonNull(sink);
        this.basePriority = config.basePriority();
        this.effectivePriority = EffectivePriority.of(basePriority, 0);
        this.masterIntervalCentis = config.advertIntervalCentis();
        this.masterDownMicros = masterDown();
    }

    public InstanceConfig config() {
        return config;
    }

    public VrrpState state() {
        return state;
    }

    /**
     * Before {@link Event.Start}: this instance replaces one a reload matched, which was in {@code previous}. A
     * MASTER stays MASTER (an advert at once, its VIPs kept) and a BACKUP stays BACKUP, as keepalived keeps a
     * matched instance's state; a tracker that is down now still makes it FAULT.
     */
    public void resumeAs(VrrpState previous) {
        if (state == VrrpState.INIT) {
            resumeAs = previous;
        }
    }

    /** A sync-group member waiting for the others before it becomes MASTER. */
    public boolean wantsMaster() {
        return wantsMaster && state == VrrpState.BACKUP;
    }

    /** The configured priority (lowered to 254 when another address owner is heard). */
    public int basePriority() {
        return basePriority;
    }

    public int effectivePriority() {
        return effectivePriority;
    }

    public int masterIntervalCentis() {
        return masterIntervalCentis;
    }

    /** The Master_Down_Interval a BACKUP currently waits for. */
    public Duration masterDownInterval() {
        return Duration.ofNanos(masterDownMicros * 1000);
    }

    public void handle(Event event) {
        if (event instanceof Event.Start) {
            start();
        } else if (event instanceof Event.AdvertReceived a) {
            receive(a.advert());
        } else if (event instanceof Event.TrackerDown d) {
            trackerDown(d.tracker());
        } else if (event instanceof Event.TrackerUp u) {
            trackerUp(u.tracker());
        } else if (event instanceof Event.WeightsChanged w) {
            weightsChanged(w.weightSum());
        } else if (event instanceof Event.SyncMaster) {
            if (state == VrrpState.BACKUP) {
                becomeMaster();
            }
        } else if (event instanceof Event.SyncBackup) {
            if (state == VrrpState.MASTER) {
                masterDownMicros = masterDown();
                leaveMaster(VrrpState.BACKUP);
            }
        } else if (event instanceof Event.Stop) {
            stop();
        } else if (event instanceof Event.Handover) {
            cancelTimers();
            state = VrrpState.STOP;
        }
    }

    // ---- start, fault, stop ----

    private void start() {
        if (state != VrrpState.INIT) {
            return;
        }
        if (!downTrackers.isEmpty()) {
            changeState(VrrpState.FAULT);
        } else if (resumeAs == VrrpState.MASTER) {
            becomeMaster();
        } else if (resumeAs == VrrpState.BACKUP) {
            changeState(VrrpState.BACKUP);
            mainTimer.startMicros(masterDownMicros);
        } else if (config.initialState() == VrrpState.MASTER && config.owner()) {
            // keepalived times out of BACKUP after 1us; going straight there is the same without the wait
            becomeMaster();
        } else {
            // `state MASTER` too: keepalived 2.2.7 enters BACKUP (init) and becomes MASTER after the whole
            // master-down interval (measured: 3.56 s at advert_int 1, priority 100), as a BACKUP would
            changeState(VrrpState.BACKUP);
            masterDownMicros = masterDown();
            mainTimer.startMicros(masterDownMicros);
        }
    }

    private void trackerDown(String tracker) {
        boolean first = downTrackers.isEmpty();
        if (!downTrackers.add(tracker) || !first) {
            return;
        }
        if (state == VrrpState.MASTER) {
            // priority 0 tells the backups to take over after their skew, not the whole down interval.
            // keepalived 2.2.7 sends two back to back (vrrp_state_leave_master and vrrp_restore_interface);
            // one says the same thing
            sink.accept(new Action.SendAdvert(0));
            leaveMaster(VrrpState.FAULT);
        } else if (state == VrrpState.BACKUP) {
            mainTimer.cancel();
            changeState(VrrpState.FAULT);
        }
    }

    private void trackerUp(String tracker) {
        if (!downTrackers.remove(tracker) || !downTrackers.isEmpty()) {
            return;
        }
        if (state == VrrpState.FAULT) {
            masterIntervalCentis = config.advertIntervalCentis();
            masterDownMicros = masterDown();
            preemptPending = false;
            changeState(VrrpState.BACKUP);
            mainTimer.startMicros(masterDownMicros);
        }
    }

    private void weightsChanged(int newSum) {
        weightSum = newSum;
        updateEffectivePriority();
    }

    private void updateEffectivePriority() {
        int updated = EffectivePriority.of(basePriority, weightSum);
        if (updated == effectivePriority) {
            return;
        }
        int old = effectivePriority;
        long oldDown = masterDownMicros;
        effectivePriority = updated;
        masterDownMicros = masterDown();
        if (state == VrrpState.BACKUP) {
            // keepalived moves the running timer by the change in skew rather than restarting it
            mainTimer.shiftMicros(masterDownMicros - oldDown);
        }
        sink.accept(new Action.PriorityChanged(old, updated));
    }

    private void stop() {
        if (state == VrrpState.STOP) {
            return;
        }
        VrrpState from = state;
        cancelTimers();
        if (from == VrrpState.MASTER) {
            sink.accept(new Action.SendAdvert(0));
            sink.accept(new Action.RemoveVips(config.vips()));
        }
        state = VrrpState.STOP;
        sink.accept(new Action.StateChanged(from, VrrpState.STOP, effectivePriority));
    }

    // ---- adverts ----

    private void receive(ReceivedAdvert received) {
        if (state != VrrpState.BACKUP && state != VrrpState.MASTER) {
            ignore(DecodeError.NOT_LISTENING, "advert received in state " + state);
            return;
        }
        Advert advert = received.advert();
        if (advert.vrid() != config.vrid()) {
            ignore(DecodeError.UNKNOWN_VRID, "VRID " + advert.vrid() + ", ours is " + config.vrid());
            return;
        }
        if (advert.version() != config.version() || advert.family() != config.family()) {
            ignore(DecodeError.BAD_VERSION, advert.version() + "/" + advert.family() + " advert on a "
                    + config.version() + "/" + config.family() + " instance");
            return;
        }
        if (received.ahSequence().isPresent() && isReplay(received.source(), received.ahSequence().getAsLong())) {
            return;
        }
        if (config.version() == VrrpVersion.V2 && advert.intervalCentis() != config.advertIntervalCentis()) {
            // RFC 3768 7.1: a VRRPv2 router MUST drop it, so two masters cannot run at different rates
            ignore(DecodeError.INTERVAL_MISMATCH, "advert interval " + advert.interval() + "s, ours "
                    + config.advertIntervalCentis() / 100 + "s");
            return;
        }
        if (config.ownerIgnoreAdverts() && effectivePriority == EffectivePriority.OWNER) {
            ignore(DecodeError.OWNER_IGNORES_ADVERTS, "address owner ignores adverts");
            return;
        }
        if (!addressesAcceptable(received)) {
            return;
        }
        if (state == VrrpState.BACKUP) {
            backupReceive(received);
        } else {
            masterReceive(received);
        }
    }

    private boolean isReplay(InetAddress source, long sequence) {
        Long last = ahSequences.get(source);
        // keepalived's counter starts at 0 and requires strictly increasing numbers; it keeps one counter for
        // all senders, so a restarted peer is refused until it passes the old number: one per sender avoids that
        if (sequence <= (last == null ? 0 : last)) {
            ignore(DecodeError.AH_REPLAY, "AH sequence " + sequence + " not above " + last);
            return true;
        }
        ahSequences.put(source, sequence);
        return false;
    }

    private boolean addressesAcceptable(ReceivedAdvert received) {
        // skip_check_adv_addr: VIPs are checked on the first advert from a master, not on every one
        boolean check = state == VrrpState.MASTER || !config.skipCheckAdvAddr()
                || !received.source().equals(lastMasterSource);
        if (check) {
            List<InetAddress> got = received.advert().addresses();
            if (got.size() != config.vips().size()) {
                ignore(DecodeError.ADDR_COUNT_MISMATCH, got.size() + " addresses, we have "
                        + config.vips().size() + " VIPs");
                return false;
            }
            Set<InetAddress> present = new HashSet<>(got);
            for (InetAddress vip : config.vips()) {
                if (!present.contains(vip)) {
                    ignore(DecodeError.VIP_MISMATCH, "VIP " + vip.getHostAddress() + " not in the advert");
                    return false;
                }
            }
        }
        if (config.unicast() && config.checkUnicastSource() && !config.unicastPeers().contains(received.source())) {
            ignore(DecodeError.UNKNOWN_UNICAST_SOURCE, received.source().getHostAddress() + " is not a unicast peer");
            return false;
        }
        return true;
    }

    private void backupReceive(ReceivedAdvert received) {
        Advert advert = received.advert();
        int priority = advert.priority();
        long now = scheduler.nanoTime();
        if (priority == 0) {
            // the master is leaving: take over after the skew only
            masterDownMicros = Timing.skewMicros(config.version(), 256 - effectivePriority, masterIntervalCentis);
            mainTimer.startMicros(masterDownMicros);
        } else if (config.nopreempt() || priority >= effectivePriority
                || (!config.preemptDelay().isZero() && (!preemptPending || preemptAtNanos - now > 0))) {
            adoptMasterInterval(advert);
            masterDownMicros = masterDown();
            lastMasterSource = received.source();
            lastMasterPriority = priority;
            wantsMaster = false;
            if (!config.preemptDelay().isZero()) {
                if (priority >= effectivePriority) {
                    preemptPending = false;
                } else if (!preemptPending) {
                    preemptPending = true;
                    preemptAtNanos = now + config.preemptDelay().toNanos();
                }
            }
            mainTimer.startMicros(masterDownMicros);
        } else {
            // a lower-priority master and we may preempt: let the master-down timer run out
            lastMasterSource = received.source();
        }
    }

    private void masterReceive(ReceivedAdvert received) {
        Advert advert = received.advert();
        int priority = advert.priority();
        int cmp = compare(received.source(), config.primaryAddress());
        boolean higher = priority > effectivePriority || (priority == effectivePriority && cmp > 0);
        if (priority == 0 || (config.higherPrioSendAdvert() && higher)) {
            // priority 0: a leaving master; answer at once so the backups do not elect a new one
            sendAdvert();
            if (priority == 0) {
                return;
            }
        }
        if (priority == effectivePriority && cmp != 0 && effectivePriority == EffectivePriority.OWNER) {
            // two address owners: keepalived steps down to 254 to end the conflict (a configuration error)
            basePriority = EffectivePriority.OWNER - 1;
            updateEffectivePriority();
        }
        if (priority < effectivePriority || (priority == effectivePriority && cmp < 0)) {
            if (!config.lowerPrioNoAdvert()) {
                sendAdvert();
            }
            if (config.garpLowerPrioRepeat() > 0) {
                sink.accept(new Action.SendGarp(config.garpLowerPrioRepeat()));
                if (!config.garpLowerPrioDelay().isZero()) {
                    lowerPrioGarpTimer.start(config.garpLowerPrioDelay(),
                            () -> sink.accept(new Action.SendGarp(config.garpLowerPrioRepeat())));
                }
            }
            sink.accept(new Action.MasterReceivedLowerPriority(received.source(), priority));
            return;
        }
        if (priority > effectivePriority || (priority == effectivePriority && cmp > 0)) {
            adoptMasterInterval(advert);
            lastMasterSource = received.source();
            lastMasterPriority = priority;
            masterDownMicros = masterDown();
            leaveMaster(VrrpState.BACKUP);
        }
        // equal priority from our own address: a looped-back advert or a duplicate address; stay
    }

    private void adoptMasterInterval(Advert advert) {
        if (config.version() == VrrpVersion.V3) {
            // RFC 5798 6.4.2: a backup uses the master's Adver Interval for its Master_Down_Interval
            masterIntervalCentis = advert.interval();
        }
    }

    // ---- transitions ----

    private void becomeMaster() {
        wantsMaster = false;
        VrrpState from = state;
        state = VrrpState.MASTER;
        masterIntervalCentis = config.advertIntervalCentis();
        preemptPending = false;
        // advert first, so the old master drops the VIPs before our gratuitous ARPs claim them
        sink.accept(new Action.SendAdvert(effectivePriority));
        sink.accept(new Action.AddVips(config.vips()));
        if (config.garpMasterRepeat() > 0) {
            sink.accept(new Action.SendGarp(config.garpMasterRepeat()));
            if (!config.garpMasterDelay().isZero()) {
                garpTimer.start(config.garpMasterDelay(),
                        () -> sink.accept(new Action.SendGarp(config.garpMasterRepeat())));
            }
        }
        startGarpRefresh();
        sink.accept(new Action.StateChanged(from, VrrpState.MASTER, effectivePriority));
        mainTimer.startMicros(Timing.centisToMicros(config.advertIntervalCentis()));
    }

    /** garp_master_refresh: while MASTER, another burst every interval, so switches do not forget us. */
    private void startGarpRefresh() {
        if (!config.garpMasterRefresh().isZero() && config.garpMasterRefreshRepeat() > 0) {
            garpRefreshTimer.start(config.garpMasterRefresh(), () -> {
                sink.accept(new Action.SendGarp(config.garpMasterRefreshRepeat()));
                startGarpRefresh();
            });
        }
    }

    private void leaveMaster(VrrpState to) {
        cancelTimers();
        sink.accept(new Action.RemoveVips(config.vips()));
        preemptPending = false;
        changeState(to);
        if (to == VrrpState.BACKUP) {
            mainTimer.startMicros(masterDownMicros);
        }
    }

    /**
     * An advert now, and the next one a full interval later. keepalived also restarts the advert timer on
     * every packet a master receives, valid or not (unless lower_prio_no_advert), so a stream of junk could
     * hold its adverts back; here only an advert actually sent restarts it.
     */
    private void sendAdvert() {
        sink.accept(new Action.SendAdvert(effectivePriority));
        mainTimer.startMicros(Timing.centisToMicros(config.advertIntervalCentis()));
    }

    private void mainTimerFired() {
        if (state == VrrpState.BACKUP) {
            if (!syncGate.mayBecomeMaster(this)) {
                // keepalived waits a whole Master_Down_Interval again; the member that lets us go pulls us along
                wantsMaster = true;
                mainTimer.startMicros(masterDown());
                return;
            }
            becomeMaster();
        } else if (state == VrrpState.MASTER) {
            sendAdvert();
        }
    }

    private void changeState(VrrpState to) {
        wantsMaster = false;
        VrrpState from = state;
        state = to;
        sink.accept(new Action.StateChanged(from, to, effectivePriority));
    }

    private void cancelTimers() {
        mainTimer.cancel();
        garpTimer.cancel();
        lowerPrioGarpTimer.cancel();
        garpRefreshTimer.cancel();
    }

    private void ignore(DecodeError reason, String detail) {
        sink.accept(new Action.AdvertIgnored(reason, detail));
    }

    private long masterDown() {
        return Timing.masterDownMicros(config.version(), config.downTimerAdverts(), masterIntervalCentis,
                effectivePriority);
    }

    /** Unsigned comparison of two addresses of one family, as keepalived's memcmp of network-order bytes. */
    static int compare(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        for (int i = 0; i < x.length; i++) {
            int c = Integer.compare(x[i] & 0xFF, y[i] & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The last master heard from, for status output: its address and priority (-1 before any). */
    public InetAddress lastMasterSource() {
        return lastMasterSource;
    }

    public int lastMasterPriority() {
        return lastMasterPriority;
    }

    /**
     * One restartable timer. Each start gets a new generation, so a callback that was already queued when
     * the timer was cancelled or restarted does nothing.
     */
    private final class Timer {
        private Scheduler.Cancellable pending;
        private long generation;
        private long deadlineNanos;
        private Runnable task;

        void startMicros(long micros) {
            start(Duration.ofNanos(Math.max(0, micros) * 1000), VrrpInstance.this::mainTimerFired);
        }

        void start(Duration delay, Runnable onFire) {
            cancel();
            long mine = ++generation;
            task = onFire;
            deadlineNanos = scheduler.nanoTime() + delay.toNanos();
            pending = scheduler.schedule(delay, () -> {
                if (generation == mine) {
                    pending = null;
                    onFire.run();
                }
            });
        }

        /** Moves a running timer's deadline, firing at once if it is already past. */
        void shiftMicros(long deltaMicros) {
            if (pending == null) {
                return;
            }
            long remaining = deadlineNanos + deltaMicros * 1000 - scheduler.nanoTime();
            start(Duration.ofNanos(Math.max(0, remaining)), task);
        }

        void cancel() {
            generation++;
            if (pending != null) {
                pending.cancel();
                pending = null;
            }
        }
    }
}
