package dev.holdfast.daemon;

import dev.holdfast.config.LoadResult;
import dev.holdfast.config.diag.Diagnostic;
import dev.holdfast.config.diag.Severity;
import dev.holdfast.config.json.ConfigJson;
import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.daemon.lvs.LvsRuntime;
import dev.holdfast.daemon.observe.Metrics;
import dev.holdfast.daemon.observe.SdNotify;
import dev.holdfast.daemon.observe.Snapshot;
import dev.holdfast.daemon.observe.StateDump;
import dev.holdfast.daemon.observe.StatusJson;
import dev.holdfast.daemon.observe.StatusServer;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import sun.misc.Signal;

/**
 * The running director: VRRP holds the VIPs, health checks decide and the kernel writer programs IPVS; metrics
 * and status are served on a read-only listener. Signals as keepalived: TERM/INT stop (VRRP priority 0, VIPs
 * removed, services removed unless -I), HUP reloads (a configuration with errors is refused and the running one
 * keeps serving), USR1 writes the state dump, USR2 the statistics.
 */
final class Director {
    private static final Logger LOG = System.getLogger("holdfast");

    /** What to run and how: keepalived's -C/-P/-I/-V, pid files, and holdfast's own settings. */
    record Settings(Path file, Supplier<LoadResult> loader, boolean lvs, boolean vrrp, LvsRuntime.Settings lvsSettings,
                    InetSocketAddress listen, boolean keepalivedMetricNames, List<Path> pidFiles,
                    boolean dontReleaseVrrp) {
    }

    private final Settings settings;
    private final Clock clock = Clock.systemUTC();
    private final SdNotify systemd = SdNotify.fromEnvironment();
    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "holdfast-control");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean reloadQueued = new AtomicBoolean();
    private final Metrics metrics;
    private volatile KeepalivedConfig config;
    private volatile Snapshot.ConfigState configState;
    private volatile LvsRuntime lvs;
    private volatile VrrpRuntime vrrp;

    Director(Settings settings, KeepalivedConfig config) {
        this.settings = settings;
        this.config = config;
        this.configState = new Snapshot.ConfigState(settings.file().toString(), hash(config), clock.instant(), 0, 0,
                "");
        this.metrics = new Metrics(this::snapshot, Version.current(), settings.keepalivedMetricNames());
    }

    int run(PrintStream err) {
        boolean wantVrrp = settings.vrrp() && !config.vrrpInstances().isEmpty();
        boolean wantLvs = settings.lvs() && !config.virtualServers().isEmpty();
        if (!wantVrrp && !wantLvs) {
            err.println("holdfast: nothing to run: the configuration has no "
                    + (settings.vrrp() && settings.lvs() ? "vrrp_instance and no virtual_server"
                    : settings.vrrp() ? "vrrp_instance (-P)" : "virtual_server (-C)"));
            return 1;
        }
        try {
            if (wantVrrp) {
                vrrp = VrrpRuntime.start(config, this::vrrpStateChanged);
            }
            if (wantLvs) {
                lvs = LvsRuntime.start(config, settings.lvsSettings(), metrics);
            }
        } catch (RuntimeException e) {
            err.println("holdfast: " + e.getMessage());
            stopParts();
            return 1;
        }
        StatusServer http = listen();
        writePidFiles();
        CountDownLatch stop = new CountDownLatch(1);
        for (String sig : List.of("TERM", "INT")) {
            Signal.handle(new Signal(sig), s -> stop.countDown());
        }
        KeepalivedSignals.ignore();
        Signal.handle(new Signal("HUP"), s -> {
            if (reloadQueued.compareAndSet(false, true)) {
                control.execute(this::reload);
            }
        });
        Signal.handle(new Signal("USR1"), s -> control.execute(() -> dump(config.globalDefs().stateDumpFile(),
                "/tmp/keepalived.data", snap -> StateDump.data(snap, Version.current()))));
        Signal.handle(new Signal("USR2"), s -> control.execute(() -> dump(config.globalDefs().statsDumpFile(),
                "/tmp/keepalived.stats", snap -> StateDump.stats(snap, Version.current()))));
        ScheduledExecutorService watchdog = startWatchdog();
        systemd.ready();
        LOG.log(Level.INFO, "ready: configuration " + settings.file() + " (hash " + configState.hash() + ")"
                + (http == null ? "" : "; metrics and status on http://" + hostPort(http.address())));
        trimHeapAfterStart();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.INFO, "stopping");
        systemd.stopping();
        control.shutdownNow();
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        stopParts();
        if (http != null) {
            http.close();
        }
        removePidFiles();
        LOG.log(Level.INFO, "stopped");
        return 0;
    }

    private void stopParts() {
        if (lvs != null) {
            lvs.close();
        }
        if (vrrp != null && settings.dontReleaseVrrp()) {
            vrrp.closeKeepingVips();
        } else if (vrrp != null) {
            vrrp.close();
        }
    }

    /**
     * SIGHUP: reads the file again. With any error the new file is refused and nothing changes; otherwise the
     * LVS half applies the difference (drains removed real servers) and VRRP restarts only if its settings changed.
     */
    void reload() {
        reloadQueued.set(false);
        systemd.reloading();
        LOG.log(Level.INFO, "reload: reading " + settings.file());
        LoadResult r;
        try {
            r = settings.loader().get();
        } catch (RuntimeException e) {
            r = null;
            refuse("cannot read " + settings.file() + ": " + e.getMessage());
        }
        if (r != null) {
            List<Diagnostic> errors = new ArrayList<>();
            for (Diagnostic d : r.diagnostics()) {
                LOG.log(d.severity() == Severity.WARNING ? Level.WARNING : Level.ERROR, "reload: " + d);
                if (d.severity() != Severity.WARNING) {
                    errors.add(d);
                }
            }
            if (r.config() == null || !errors.isEmpty()) {
                refuse(errors.isEmpty() ? "the configuration cannot run" : errors.size() + " error(s), the first: "
                        + errors.get(0));
            } else {
                apply(r.config());
            }
        }
        systemd.ready();
    }

    private void refuse(String why) {
        Snapshot.ConfigState c = configState;
        configState = new Snapshot.ConfigState(c.file(), c.hash(), c.loadedAt(), c.reloadsOk(), c.reloadsFailed() + 1,
                why);
        metrics.reloaded(false);
        LOG.log(Level.ERROR, "reload refused: " + why + "; still serving the configuration loaded at "
                + c.loadedAt() + " (hash " + c.hash() + "), nothing changed");
    }

    private void apply(KeepalivedConfig next) {
        String before = configState.hash();
        String after = hash(next);
        try {
            if (settings.lvs()) {
                if (lvs != null) {
                    lvs.reload(next);
                } else if (!next.virtualServers().isEmpty()) {
                    lvs = LvsRuntime.start(next, settings.lvsSettings(), metrics);
                }
            }
            if (settings.vrrp()) {
                if (vrrp != null) {
                    vrrp.reload(next);
                } else if (!next.vrrpInstances().isEmpty()) {
                    vrrp = VrrpRuntime.start(next, this::vrrpStateChanged);
                }
            }
        } catch (RuntimeException e) {
            refuse("applying it failed: " + e.getMessage());
            return;
        }
        config = next;
        Snapshot.ConfigState c = configState;
        configState = new Snapshot.ConfigState(c.file(), after, clock.instant(), c.reloadsOk() + 1, c.reloadsFailed(),
                "");
        metrics.reloaded(true);
        LOG.log(Level.INFO, "reload applied: hash " + before + " -> " + after + (before.equals(after)
                ? " (same meaning)" : ""));
    }

    /**
     * ha_suspend: a virtual server's checkers run only while its address is on this host. VRRP adds the VIPs on
     * MASTER and removes them otherwise; tell the checkers.
     */
    private void vrrpStateChanged(dev.holdfast.config.model.VrrpInstance instance, dev.holdfast.vrrp.state.VrrpState to) {
        LvsRuntime l = lvs;
        if (l == null) {
            return;
        }
        boolean master = to == dev.holdfast.vrrp.state.VrrpState.MASTER;
        for (var vip : instance.virtualIpaddress()) {
            try {
                l.localAddressChanged(java.net.InetAddress.getByName(vip.ip().text()), master);
            } catch (java.net.UnknownHostException e) {
                LOG.log(Level.WARNING, "ha_suspend: " + vip.ip().text() + ": " + e.getMessage());
            }
        }
    }

    /**
     * Reading a large configuration and the first reconcile leave far more garbage than the director keeps (at
     * 40,000 real servers the heap had grown to several times what stays live). One full collection once the first
     * reconcile is done, with MaxHeapFreeRatio lowered to 40, lets the heap shrink towards what is live and the
     * memory go back to the system; after that the heap only grows with what the director holds. A heap that never
     * grew past {@link #TRIM_ABOVE_BYTES} has nothing worth giving back, and is left alone: the full collection
     * stops every thread, the checkers too (on an emulated host for a fifth of a second).
     */
    /** The committed heap below which the start-up trim is not worth its pause. */
    static final long TRIM_ABOVE_BYTES = 64L << 20;

    private void trimHeapAfterStart() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                return;
            }
            try {
                // a manageable flag: from now on a collection gives back what exceeds 40 % free (the JVM's
                // default is 70 %); set here, not at launch, so reading the configuration is not slowed down
                var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(
                        com.sun.management.HotSpotDiagnosticMXBean.class);
                if (Integer.parseInt(hotspot.getVMOption("MinHeapFreeRatio").getValue()) <= 40) {
                    hotspot.setVMOption("MaxHeapFreeRatio", "40");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "MaxHeapFreeRatio not changed: " + e.getMessage());
            }
            if (Runtime.getRuntime().totalMemory() > TRIM_ABOVE_BYTES) {
                System.gc();
            }
        }, "holdfast-trim");
        t.setDaemon(true);
        t.start();
    }

    /** The director's state now; called by scrapes, the status page and the signal dumps. */
    Snapshot snapshot() {
        LvsRuntime l = lvs;
        VrrpRuntime v = vrrp;
        try {
            // each waits up to 5 s for a fresh reading, then takes the last one (a 40,000-server kernel dump is slow)
            java.time.Duration wait = java.time.Duration.ofSeconds(5);
            var status = l == null ? List.<dev.holdfast.healthcheck.lvs.VirtualServerStatus>of() : l.status(wait);
            var kernel = l == null ? List.<dev.holdfast.daemon.lvs.KernelWriter.ServiceReading>of() : l.kernel(wait);
            var draining = l == null ? Map.<dev.holdfast.daemon.lvs.Drain.Ref, Instant>of() : l.draining(wait);
            List<Snapshot.VrrpInstanceState> instances = new ArrayList<>();
            Map<String, Long> rejects = new TreeMap<>();
            if (v != null) {
                Map<String, dev.holdfast.vrrp.runtime.InstanceStatus> live = new java.util.HashMap<>();
                v.status().forEach(st -> live.put(st.name(), st));
                for (VrrpRecord.Instance i : v.instances()) {
                    Map<String, Long> t = new TreeMap<>();
                    i.transitions().forEach((k, n) -> t.put(k.name(), n));
                    var st = live.get(i.name());
                    Map<String, Long> errors = new TreeMap<>();
                    if (st != null) {
                        st.errors().forEach((k, n) -> errors.put(k.name().toLowerCase(java.util.Locale.ROOT), n));
                    }
                    instances.add(new Snapshot.VrrpInstanceState(i.name(), i.iface(), i.vrid(),
                            st == null || st.syncGroup() == null ? "" : st.syncGroup(),
                            st == null ? i.state().name() : st.state().name(), i.basePriority(),
                            st == null ? i.effectivePriority() : st.effectivePriority(),
                            st == null ? 0 : st.advertsSent(), st == null ? 0 : st.advertsReceived(), t, errors,
                            i.lastTransition(), st == null ? List.of() : List.copyOf(new java.util.TreeSet<>(st.faults()))));
                }
                v.rejects().snapshot().forEach((k, n) -> rejects.put(k.name().toLowerCase(java.util.Locale.ROOT), n));
            }
            return new Snapshot(clock.instant(), configState, status, kernel, draining, instances, rejects);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the director's state: " + e.getMessage(), e);
        }
    }

    private StatusServer listen() {
        if (settings.listen() == null) {
            return null;
        }
        try {
            return StatusServer.start(settings.listen(), metrics::scrape,
                    () -> StatusJson.write(snapshot(), Version.current()));
        } catch (IOException e) {
            LOG.log(Level.ERROR, "metrics/status listener " + hostPort(settings.listen()) + ": " + e.getMessage()
                    + "; running without it");
            return null;
        }
    }

    private void dump(String configured, String fallback, java.util.function.Function<Snapshot, String> render) {
        Path to = Path.of(configured == null || configured.isEmpty() ? fallback : configured);
        try {
            Files.writeString(to, render.apply(snapshot()), StandardCharsets.UTF_8);
            LOG.log(Level.INFO, "wrote " + to);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "cannot write " + to + ": " + e.getMessage());
        }
    }

    private ScheduledExecutorService startWatchdog() {
        return SdNotify.watchdog().map(interval -> {
            ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "holdfast-watchdog");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, interval.toMillis() / 2);
            // the ping goes through the control thread: a wedged reload stops the pings and systemd restarts us
            s.scheduleAtFixedRate(() -> control.execute(systemd::watchdogPing), 0, every, TimeUnit.MILLISECONDS);
            return s;
        }).orElse(null);
    }

    private void writePidFiles() {
        String pid = Long.toString(ProcessHandle.current().pid());
        for (Path p : settings.pidFiles()) {
            try {
                if (p.getParent() != null) {
                    Files.createDirectories(p.getParent());
                }
                Files.writeString(p, pid + "\n");
            } catch (IOException e) {
                LOG.log(Level.ERROR, "cannot write pid file " + p + ": " + e.getMessage());
            }
        }
    }

    private void removePidFiles() {
        for (Path p : settings.pidFiles()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot remove pid file " + p + ": " + e.getMessage());
            }
        }
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** A digest of the configuration's meaning: its resolved JSON (comments, layout and includes do not count). */
    static String hash(KeepalivedConfig config) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(ConfigJson.write(config)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
