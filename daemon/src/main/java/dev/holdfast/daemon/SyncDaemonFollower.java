package dev.holdfast.daemon;

import dev.holdfast.config.model.GlobalDefs;
import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.VrrpInstance;
import dev.holdfast.ipvs.kernel.IpvsClient;
import dev.holdfast.ipvs.kernel.SyncDaemon;
import dev.holdfast.vrrp.runtime.VrrpService;
import dev.holdfast.vrrp.state.VrrpState;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * lvs_sync_daemon: the kernel's IPVS connection-sync daemon follows the named VRRP instance, as in keepalived:
 * the master daemon runs while the instance is MASTER and the backup daemon otherwise, so connections survive a
 * director failover. Without an instance both run from the start. Kernel calls happen on their own thread; a
 * failure is logged and never stops VRRP. Passes every event on.
 */
final class SyncDaemonFollower extends ForwardingVrrpListener implements AutoCloseable {
    private static final Logger LOG = System.getLogger("holdfast.ipvs");
    private final GlobalDefs.LvsSyncDaemon settings;
    private final int syncId;
    private final ExecutorService kernel = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "holdfast-syncd");
        t.setDaemon(true);
        return t;
    });
    private IpvsClient client;
    private SyncDaemon.Role running;

    private SyncDaemonFollower(KeepalivedConfig config, VrrpService.Listener next) {
        super(next);
        this.settings = config.globalDefs().lvsSyncDaemon();
        Integer id = settings.syncId();
        if (id == null) {
            id = config.vrrpInstances().stream().filter(i -> i.name().equals(settings.instance())).findFirst()
                    .map(VrrpInstance::virtualRouterId).orElse(0);
        }
        this.syncId = id;
        if (settings.instance() == null) {
            kernel.execute(() -> {
                start(SyncDaemon.Role.MASTER);
                start(SyncDaemon.Role.BACKUP);
            });
        }
    }

    /** The listener chain with a follower in front of {@code next}, or {@code next} alone without lvs_sync_daemon. */
    static VrrpService.Listener wrap(KeepalivedConfig config, VrrpService.Listener next) {
        return config.globalDefs().lvsSyncDaemon() == null ? next : new SyncDaemonFollower(config, next);
    }

    @Override
    public void stateChanged(String instance, VrrpState from, VrrpState to, int priority) {
        if (instance.equals(settings.instance())) {
            kernel.execute(() -> follow(to));
        }
        next.stateChanged(instance, from, to, priority);
    }

    /** A reload kept the instance: the new follower starts the daemon its state calls for (the old one stopped it). */
    @Override
    public void kept(String instance, VrrpState state, int priority) {
        if (instance.equals(settings.instance())) {
            kernel.execute(() -> follow(state));
        }
        next.kept(instance, state, priority);
    }

    private void follow(VrrpState to) {
        SyncDaemon.Role want = switch (to) {
            case MASTER -> SyncDaemon.Role.MASTER;
            case BACKUP, FAULT -> SyncDaemon.Role.BACKUP;
            default -> null;
        };
        if (want == running) {
            return;
        }
        if (running != null) {
            stop(running);
        }
        if (want != null) {
            start(want);
        }
        running = want;
    }

    private void start(SyncDaemon.Role role) {
        try {
            Optional<InetAddress> group = settings.group() == null ? Optional.empty()
                    : Optional.of(InetAddress.getByName(settings.group().text()));
            client().startSyncDaemon(new SyncDaemon(role, settings.iface(), syncId, settings.maxlen(), group,
                    settings.port(), settings.ttl()));
            LOG.log(Level.INFO, "IPVS sync daemon " + role + " started on " + settings.iface() + " (syncid " + syncId
                    + ")");
        } catch (RuntimeException | UnknownHostException e) {
            LOG.log(Level.ERROR, "IPVS sync daemon " + role + " on " + settings.iface() + ": " + e.getMessage());
        }
    }

    private void stop(SyncDaemon.Role role) {
        try {
            client().stopSyncDaemon(role);
            LOG.log(Level.INFO, "IPVS sync daemon " + role + " stopped");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "IPVS sync daemon " + role + ": stop: " + e.getMessage());
        }
    }

    private IpvsClient client() {
        if (client == null) {
            client = IpvsClient.open();
        }
        return client;
    }




    /** Stops the daemons holdfast started and closes its IPVS socket. */
    @Override
    public void close() {
        kernel.execute(() -> {
            if (settings.instance() == null) {
                stop(SyncDaemon.Role.MASTER);
                stop(SyncDaemon.Role.BACKUP);
            } else if (running != null) {
                stop(running);
                running = null;
            }
            if (client != null) {
                client.close();
            }
        });
        kernel.shutdown();
        try {
            kernel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
