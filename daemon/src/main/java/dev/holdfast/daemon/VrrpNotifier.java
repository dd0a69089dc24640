package dev.holdfast.daemon;

import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.Script;
import dev.holdfast.config.model.SyncGroup;
import dev.holdfast.config.model.VrrpInstance;
import dev.holdfast.vrrp.runtime.VrrpService;
import dev.holdfast.vrrp.state.VrrpState;
import dev.holdfast.daemon.observe.NotifyFifos;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Logs VRRP state changes and runs the instances' notify scripts as keepalived does: the state's own script
 * (notify_master/backup/fault/stop) with its configured arguments, then {@code notify} with four more:
 * INSTANCE, the name, the state and the priority. A vrrp_sync_group's scripts run likewise when the group
 * changes state, {@code notify} with GROUP, the name, the state and 0. Scripts run in order on one thread.
 * With {@code vrrp_notify_fifo} (and {@code notify_fifo}) in global_defs, the same thread writes keepalived's
 * lines to the FIFO, created when missing: {@code INSTANCE "VI_1" MASTER 100}, {@code GROUP "G1" BACKUP 0},
 * {@code INSTANCE "VI_1" MASTER_RX_LOWER_PRI 100}. An instance a reload removes is reported as keepalived reports
 * it: DELETED with notify_deleted, FAULT (notify_fault) without.
 */
final class VrrpNotifier implements VrrpService.Listener, AutoCloseable {
    private static final Logger LOG = System.getLogger("holdfast.vrrp");
    private final Map<String, VrrpInstance> instances = new HashMap<>();
    private final Map<String, SyncGroup> groups = new HashMap<>();
    private final NotifyFifos fifos;
    private final ExecutorService scripts = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "holdfast-vrrp-notify");
        t.setDaemon(true);
        return t;
    });

    /** Set when this notifier's configuration is being replaced: a STOP now means removed by the reload. */
    private volatile boolean reloading;

    VrrpNotifier(KeepalivedConfig config) {
        config.vrrpInstances().forEach(i -> instances.put(i.name(), i));
        config.vrrpSyncGroups().forEach(g -> groups.put(g.name(), g));
        var global = config.globalDefs();
        fifos = NotifyFifos.open(java.util.Arrays.asList(global.vrrpNotifyFifo(), global.notifyFifo()));
    }

    private void fifoLine(String line) {
        if (!fifos.isEmpty()) {
            scripts.execute(() -> fifos.write(line));
        }
    }

    @Override
    public void masterReceivedLowerPriority(String instance, java.net.InetAddress from, int priority) {
        fifoLine("INSTANCE \"" + instance + "\" MASTER_RX_LOWER_PRI " + priority);
    }

    /** From now on the instances that stop are the ones a reload removed (the kept ones do not stop). */
    void reloading() {
        reloading = true;
    }

    @Override
    public void stateChanged(String instance, VrrpState from, VrrpState to, int priority) {
        VrrpInstance vi = instances.get(instance);
        String state = to.name();
        if (to == VrrpState.STOP && reloading) {
            state = vi != null && vi.notifyScripts().deleted() != null ? "DELETED" : "FAULT";
            LOG.log(Level.INFO, "VRRP " + instance + ": removed by the reload, reported as " + state);
        } else {
            LOG.log(Level.INFO, "VRRP " + instance + ": " + from + " -> " + to + " (priority " + priority + ")");
        }
        if (vi != null) {
            runScripts(vi.notifyScripts(), "INSTANCE", instance, state, priority);
        }
        if (to != VrrpState.INIT) {
            fifoLine("INSTANCE \"" + instance + "\" " + state + " " + priority);
        }
    }

    @Override
    public void groupStateChanged(String group, VrrpState from, VrrpState to) {
        LOG.log(Level.INFO, "VRRP group " + group + ": " + from + " -> " + to);
        SyncGroup g = groups.get(group);
        if (g != null && g.notifyScripts() != null) {
            runScripts(g.notifyScripts(), "GROUP", group, to.name(), 0);
        }
        fifoLine("GROUP \"" + group + "\" " + to.name() + " 0");
    }

    /** The state's own script with its arguments, then {@code notify} with keepalived's four extra ones. */
    private void runScripts(VrrpInstance.Notify n, String kind, String name, String to, int priority) {
        Script own = switch (to) {
            case "MASTER" -> n.master();
            case "BACKUP" -> n.backup();
            case "FAULT" -> n.fault();
            case "STOP" -> n.stop();
            case "DELETED" -> n.deleted();
            default -> null;
        };
        List<List<String>> runs = new ArrayList<>();
        if (own != null) {
            runs.add(own.argv());
        }
        if (n.generic() != null && !to.equals("INIT")) {
            List<String> argv = new ArrayList<>(n.generic().argv());
            argv.addAll(List.of(kind, name, to, Integer.toString(priority)));
            runs.add(argv);
        }
        for (List<String> argv : runs) {
            scripts.execute(() -> run(argv));
        }
    }

    @Override
    public void warning(String message) {
        LOG.log(Level.WARNING, "VRRP: " + message);
    }

    private static void run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.log(Level.WARNING, "notify script " + argv.get(0) + " still running after 30 s; killed");
            } else if (p.exitValue() != 0) {
                LOG.log(Level.WARNING, "notify script " + String.join(" ", argv) + " exited " + p.exitValue());
            }
        } catch (java.io.IOException e) {
            LOG.log(Level.WARNING, "notify script " + argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        scripts.shutdown();
        scripts.awaitTermination(10, TimeUnit.SECONDS);
        fifos.close();
    }
}
