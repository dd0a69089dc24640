package dev.holdfast.daemon;

import dev.holdfast.config.model.GlobalDefs;
import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.VrrpInstance;
import dev.holdfast.vrrp.packet.RejectCounts;
import dev.holdfast.vrrp.runtime.VrrpService;
import dev.holdfast.vrrp.state.VrrpState;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;

/**
 * The VRRP half of the director: the VRRP service, its notify scripts and the record kept for metrics. A reload
 * that leaves every VRRP setting as it was leaves the instances running untouched. One that changes them reloads
 * the service as keepalived does: an instance matched by VRID, interface, family and unicast/multicast (not by
 * name) keeps its state - a master stays master with its VIPs, no notify script runs - removed instances stop,
 * new ones start (see {@link VrrpService#reload}).
 */
final class VrrpRuntime implements AutoCloseable {
    private static final Logger LOG = System.getLogger("holdfast.vrrp");

    private KeepalivedConfig config;
    private VrrpService service;
    private VrrpNotifier notifier;
    private VrrpRecord record;
    private SyncDaemonFollower follower;

    private final StateWatcher watcher;

    /** Told of every state change after the notifier (the daemon resumes ha_suspend checkers with it). */
    interface StateWatcher {
        void stateChanged(VrrpInstance instance, VrrpState to);
    }

    private VrrpRuntime(StateWatcher watcher) {
        this.watcher = watcher;
    }

    /**
     * Starts every vrrp_instance.
     *
     * @throws RuntimeException with a one-line message when VRRP sockets cannot be opened
     */
    static VrrpRuntime start(KeepalivedConfig config, StateWatcher watcher) {
        VrrpRuntime r = new VrrpRuntime(watcher);
        VrrpRecord rec = r.chain(config, null);
        r.service = VrrpService.start(config, rec);
        LOG.log(Level.INFO, "VRRP started: " + config.vrrpInstances().size() + " instance(s)");
        return r;
    }

    /** The listener chain for {@code next} (sync daemon, ha_suspend watcher, notifier), its record at the head. */
    private VrrpRecord chain(KeepalivedConfig next, VrrpRecord previous) {
        VrrpNotifier n = new VrrpNotifier(next);
        java.util.Map<String, VrrpInstance> byName = new java.util.HashMap<>();
        next.vrrpInstances().forEach(i -> byName.put(i.name(), i));
        VrrpService.Listener watched = new ForwardingVrrpListener(n) {
            @Override
            public void stateChanged(String instance, VrrpState from, VrrpState to, int priority) {
                super.stateChanged(instance, from, to, priority);
                VrrpInstance vi = byName.get(instance);
                if (vi != null) {
                    watcher.stateChanged(vi, to);
                }
            }

            @Override
            public void kept(String instance, VrrpState state, int priority) {
                super.kept(instance, state, priority);
                VrrpInstance vi = byName.get(instance);
                if (vi != null) {
                    watcher.stateChanged(vi, state);
                }
            }
        };
        VrrpService.Listener chain = SyncDaemonFollower.wrap(next, watched);
        VrrpRecord rec = new VrrpRecord(next, chain, Clock.systemUTC());
        if (previous != null) {
            rec.carryFrom(previous);
        }
        notifier = n;
        follower = chain instanceof SyncDaemonFollower f ? f : null;
        record = rec;
        config = next;
        return rec;
    }

    /**
     * Takes a reloaded configuration: nothing to do if no VRRP setting changed; otherwise matched instances keep
     * their state, removed ones stop and new ones start.
     *
     * @throws RuntimeException with a one-line message when the new VRRP sockets cannot be opened (VRRP is then
     *                          stopped: the caller logs it)
     */
    synchronized void reload(KeepalivedConfig next) {
        if (vrrpPart(next).equals(vrrpPart(config))) {
            config = next;
            LOG.log(Level.INFO, "reload: VRRP settings unchanged; " + next.vrrpInstances().size()
                    + " instance(s) keep running");
            return;
        }
        LOG.log(Level.INFO, "reload: VRRP settings changed; instances matched by VRID, interface and family keep "
                + "their state");
        VrrpNotifier oldNotifier = notifier;
        oldNotifier.reloading();
        // the old follower stops the sync daemon now; the new one starts it again from the kept state
        if (follower != null) {
            follower.close();
        }
        VrrpRecord rec = chain(next, record);
        try {
            service = service.reload(next, rec);
        } finally {
            closeNotifier(oldNotifier);
        }
    }

    /** Everything a VRRP instance's behaviour depends on; equal parts mean nothing to redo. */
    static List<Object> vrrpPart(KeepalivedConfig c) {
        GlobalDefs g = c.globalDefs();
        return List.of(String.valueOf(g.lvsSyncDaemon()), c.vrrpInstances(), c.vrrpSyncGroups(), c.vrrpScripts(), c.trackFiles(),
                c.vrrpTrackProcesses(), c.garpGroups(), c.staticIpaddress(), c.staticRoutes(), c.staticRules(),
                List.of(String.valueOf(g.routerId()), String.valueOf(g.vrrpMcastGroup4()),
                        String.valueOf(g.vrrpMcastGroup6()), String.valueOf(g.defaultInterface()), g.vrrpVersion(),
                        g.v3ChecksumAsV2(), String.valueOf(g.vrrpGarp()), g.vrrpMinGarp(), g.vrrpDownTimerAdverts(),
                        g.vrrpLowerPrioNoAdvert(), g.vrrpHigherPrioSendAdvert(), g.vrrpOwnerIgnoreAdverts(),
                        g.vrrpCheckUnicastSrc(), g.vrrpSkipCheckAdvAddr(), g.vrrpStrict(),
                        String.valueOf(g.notifyFifo()), String.valueOf(g.vrrpNotifyFifo()),
                        String.valueOf(g.vrrpStartupDelay())));
    }

    synchronized List<VrrpRecord.Instance> instances() {
        return record.instances(config.vrrpInstances().stream().map(VrrpInstance::name).toList());
    }

    /** The runtime's own view of every instance: state, priorities, adverts and refused adverts by reason. */
    synchronized List<dev.holdfast.vrrp.runtime.InstanceStatus> status() {
        return service.snapshot();
    }

    synchronized RejectCounts rejects() {
        return service.rejects();
    }

    /** keepalived's -V: stop without the priority-0 adverts and without removing the VIPs or running notify STOP. */
    synchronized void closeKeepingVips() {
        LOG.log(Level.INFO, "VRRP stopping with --dont-release-vrrp: VIPs stay, no priority-0 advert");
        service.stop(false);
        if (follower != null) {
            follower.close();
        }
        closeNotifier(notifier);
    }

    private void closeService() {
        service.stop();
        if (follower != null) {
            follower.close();
        }
        closeNotifier(notifier);
    }

    private static void closeNotifier(VrrpNotifier n) {
        try {
            n.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        closeService();
    }
}
