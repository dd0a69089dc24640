package dev.holdfast.daemon.lvs;

import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.RealServer;
import dev.holdfast.config.model.Script;
import dev.holdfast.config.model.VirtualServer;
import dev.holdfast.healthcheck.lvs.DesiredDestinations;
import dev.holdfast.healthcheck.lvs.LvsOutput;
import dev.holdfast.daemon.observe.NotifyFifos;
import dev.holdfast.healthcheck.lvs.Notification;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.DestinationKey;
import dev.holdfast.ipvs.IpvsTable;
import dev.holdfast.ipvs.Operation;
import dev.holdfast.ipvs.Ownership;
import dev.holdfast.ipvs.PlanPrinter;
import dev.holdfast.ipvs.Reconciler;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.ipvs.config.ConfiguredTable;
import dev.holdfast.ipvs.kernel.DestinationStatus;
import dev.holdfast.ipvs.kernel.IpvsClient;
import dev.holdfast.ipvs.kernel.OperationResult;
import dev.holdfast.ipvs.kernel.ServiceStatus;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns the health checker's desired destinations into kernel IPVS operations. Called on the checker's event loop,
 * it only records the wish and hands it to its own kernel thread, so a slow netlink round trip never delays a
 * check. Each change is reconciled against the kernel as it is, touching only the changed virtual server's
 * services. A reload retargets it ({@link #retarget}): real servers and services the new configuration dropped
 * are drained (weight 0 until their active connections end, see {@link Drain}), not cut. Every
 * {@code driftInterval} the whole owned table is compared with the kernel again, and entries changed behind
 * holdfast's back (an {@code ipvsadm -d} by hand) are put back.
 */
public final class KernelWriter implements LvsOutput, AutoCloseable {
    private static final Logger LOG = System.getLogger("holdfast.ipvs");

    private final IpvsClient client;
    private final boolean keepOnStop;
    private final Drain drain;
    private final KernelListener listener;
    private final ScheduledExecutorService kernel = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "holdfast-ipvs");
        t.setDaemon(true);
        return t;
    });
    /** lvs_notify_fifo and notify_fifo: keepalived's {@code RS ...} and {@code VS ...} lines, in order. */
    private final NotifyFifos fifos;
    private final ExecutorService fifoWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "holdfast-lvs-fifo");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService scripts = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "holdfast-notify");
        t.setDaemon(true);
        return t;
    });
    private volatile Map<ServiceAddress, Target> targets;
    /** The checker's latest wish per virtual server, replayed after a reload and by the drift check. */
    private final Map<ServiceAddress, DesiredDestinations> lastDesired = new ConcurrentHashMap<>();
    /** Wishes not yet taken by the kernel thread; guarded by itself. */
    private final Map<ServiceAddress, Pending> pending = new java.util.LinkedHashMap<>();
    private boolean flushQueued;
    /** While the checkers start, wishes only collect: the first reconcile is then one dump and one batch. */
    private boolean holding;

    /** A virtual server of the config and the kernel services it stands for. */
    private record Target(VirtualServer vs, List<Service> services) {
    }

    /** What the kernel writer did, for metrics. Called on the kernel thread. */
    public interface KernelListener {
        /** Why a reconcile ran. */
        enum Cause { CHANGE, RELOAD, DRIFT, DRAIN }

        void reconciled(Cause cause, int sent, int failed, Duration took);

        /** A real server or quorum notification (called on the checker's thread). */
        default void notified(Notification n) {
        }

        KernelListener NONE = (cause, sent, failed, took) -> { };
    }

    public KernelWriter(KeepalivedConfig config, IpvsClient client, boolean keepOnStop) {
        this(config, client, keepOnStop, new Drain(java.time.Clock.systemUTC(), Duration.ofMinutes(5)),
                KernelListener.NONE, Duration.ZERO);
    }

    /**
     * @param driftInterval how often the owned table is compared with the kernel; zero or negative: never
     */
    public KernelWriter(KeepalivedConfig config, IpvsClient client, boolean keepOnStop, Drain drain,
                        KernelListener listener, Duration driftInterval) {
        this.fifos = NotifyFifos.open(java.util.Arrays.asList(config.globalDefs().lvsNotifyFifo(),
                config.globalDefs().notifyFifo()));
        this.client = client;
        this.keepOnStop = keepOnStop;
        this.drain = drain;
        this.listener = listener;
        this.targets = targets(config);
        if (!driftInterval.isZero() && !driftInterval.isNegative()) {
            long ms = driftInterval.toMillis();
            kernel.scheduleWithFixedDelay(this::repairDrift, ms, ms, TimeUnit.MILLISECONDS);
        }
        kernel.scheduleWithFixedDelay(this::drainTick, 1, 1, TimeUnit.SECONDS);
    }

    private static Map<ServiceAddress, Target> targets(KeepalivedConfig config) {
        Map<ServiceAddress, Target> out = new HashMap<>();
        for (VirtualServer vs : config.virtualServers()) {
            out.put(CheckSpecs.address(vs), new Target(vs, ConfiguredTable.services(vs,
                    config.virtualServerGroups())));
        }
        return Map.copyOf(out);
    }

    /**
     * Takes a reloaded configuration. Real servers and services it no longer has start draining; those it brings
     * back stop draining. Call it before the health checker's reload, so that the checker's next wishes are read
     * against the new virtual servers. Returns when the kernel thread has taken it.
     */
    public void retarget(KeepalivedConfig config) {
        Map<ServiceAddress, Target> next = targets(config);
        Map<ServiceAddress, Target> previous = targets;
        Future<?> done = kernel.submit(() -> {
            Map<ServiceKey, Set<DestinationKey>> before = configured(previous);
            Map<ServiceKey, Set<DestinationKey>> after = configured(next);
            before.forEach((service, dests) -> {
                Set<DestinationKey> kept = after.get(service);
                if (kept == null) {
                    drain.service(service);
                    dests.forEach(d -> drain.destination(service, d));
                } else {
                    dests.stream().filter(d -> !kept.contains(d)).forEach(d -> drain.destination(service, d));
                }
            });
            after.forEach((service, dests) -> {
                if (drain.retiring(service)) {
                    drain.restore(service);
                }
                dests.forEach(d -> drain.restore(service, d));
            });
            targets = next;
            lastDesired.keySet().retainAll(next.keySet());
            quiesceRetiring();
        });
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.ERROR, "IPVS: reload: " + e.getMessage());
        }
    }

    /** Every destination the config gives each service (sorry servers included), by service key. */
    private static Map<ServiceKey, Set<DestinationKey>> configured(Map<ServiceAddress, Target> targets) {
        Map<ServiceKey, Set<DestinationKey>> out = new HashMap<>();
        for (Target t : targets.values()) {
            for (Service s : t.services()) {
                Set<DestinationKey> dests = out.computeIfAbsent(s.key(), k -> new HashSet<>());
                for (RealServer rs : t.vs().realServers()) {
                    dests.add(ConfiguredTable.destination(rs, s.key(), 0).key());
                }
                if (t.vs().sorryServer() != null) {
                    dests.add(ConfiguredTable.destination(t.vs().sorryServer(), s.key(), 0).key());
                }
            }
        }
        return out;
    }

    /** The services a reload removed: their destinations go to weight 0 at once. */
    private void quiesceRetiring() {
        Set<ServiceKey> retiring = drain.retiringServices();
        if (retiring.isEmpty()) {
            return;
        }
        List<Operation> plan = new ArrayList<>();
        for (ServiceReading r : dump(retiring)) {
            ServiceKey key = r.service().service().key();
            for (DestinationStatus d : r.destinations()) {
                drain.destination(key, d.destination().key());
                if (d.destination().weight() != 0) {
                    plan.add(new Operation.EditDestination(key, Drain.quiesced(d.destination())));
                }
            }
        }
        apply(plan, KernelListener.Cause.RELOAD);
    }

    @Override
    public void destinations(DesiredDestinations desired) {
        Target target = targets.get(desired.service());
        if (target == null) {
            return; // a virtual server a reload removed: the drain owns its services now
        }
        lastDesired.put(desired.service(), desired);
        enqueue(desired, KernelListener.Cause.CHANGE);
    }

    /** Collects wishes without writing them until {@link #release()} (used while the checkers start). */
    public void hold() {
        synchronized (pending) {
            holding = true;
        }
    }

    /** Writes what collected since {@link #hold()}, in one reconcile, and every later wish as it comes. */
    public void release() {
        synchronized (pending) {
            holding = false;
            if (!pending.isEmpty() && !flushQueued) {
                flushQueued = true;
                kernel.execute(this::flush);
            }
        }
    }

    /** Re-reads every wish against the current targets (after a reload, and for the drift check). */
    public void replay(KernelListener.Cause cause) {
        lastDesired.values().forEach(d -> enqueue(d, cause));
    }

    private void repairDrift() {
        replay(KernelListener.Cause.DRIFT);
    }

    /**
     * Queues a wish for the kernel thread. Wishes that arrive while the kernel thread is busy are merged (the latest
     * per virtual server wins; a checker's change keeps its cause over a replay) and reconciled together: one dump
     * of the services, one pipelined batch. At start, with thousands of virtual servers, that is one dump instead
     * of one per virtual server.
     */
    private void enqueue(DesiredDestinations desired, KernelListener.Cause cause) {
        synchronized (pending) {
            Pending was = pending.get(desired.service());
            boolean keepCause = was != null && was.cause() == KernelListener.Cause.CHANGE;
            pending.put(desired.service(), new Pending(desired, keepCause ? was.cause() : cause));
            if (!flushQueued && !holding) {
                flushQueued = true;
                kernel.execute(this::flush);
            }
        }
    }

    private record Pending(DesiredDestinations desired, KernelListener.Cause cause) {
    }

    private void flush() {
        List<Pending> batch;
        synchronized (pending) {
            batch = new ArrayList<>(pending.values());
            pending.clear();
            flushQueued = false;
        }
        Map<KernelListener.Cause, Wanted> byCause = new java.util.EnumMap<>(KernelListener.Cause.class);
        for (Pending p : batch) {
            want(p.desired(), byCause.computeIfAbsent(p.cause(), c -> new Wanted()));
        }
        if (byCause.isEmpty()) {
            return;
        }
        try {
            Set<ServiceKey> keys = new HashSet<>();
            byCause.values().forEach(w -> {
                keys.addAll(w.activeKeys);
                keys.addAll(w.removeKeys);
            });
            IpvsTable.Builder now = IpvsTable.builder();
            Map<Drain.Ref, Destination> present = new HashMap<>();
            for (ServiceReading r : dump(keys)) {
                List<Destination> dests = new ArrayList<>();
                for (DestinationStatus d : r.destinations()) {
                    dests.add(d.destination());
                    present.put(new Drain.Ref(r.service().service().key(), d.destination().key()), d.destination());
                }
                now.service(r.service().service(), dests);
            }
            IpvsTable kernelNow = now.build();
            byCause.forEach((cause, w) -> {
                List<Operation> plan = new ArrayList<>(drain.rewrite(Reconciler.plan(w.active.build(),
                        only(kernelNow, w.activeKeys), Ownership.ONLY_CONFIGURED), present));
                plan.addAll(Reconciler.plan(IpvsTable.EMPTY, only(kernelNow, w.removeKeys), Ownership.ALL));
                apply(plan, cause);
            });
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "IPVS: " + e.getMessage());
        }
    }

    /** What a batch of wishes asks for: the services to hold (with their destinations) and those to remove. */
    private static final class Wanted {
        final IpvsTable.Builder active = IpvsTable.builder();
        final Set<ServiceKey> activeKeys = new HashSet<>();
        final Set<ServiceKey> removeKeys = new HashSet<>();
    }

    private void want(DesiredDestinations desired, Wanted into) {
        Target target = targets.get(desired.service());
        if (target == null) {
            return;
        }
        if (!desired.serviceActive()) {
            if (!keepOnStop) {
                target.services().forEach(s -> into.removeKeys.add(s.key()));
            }
            return;
        }
        for (Service s : target.services()) {
            List<Destination> dests = new ArrayList<>();
            for (var d : desired.destinations()) {
                RealServer rs = find(target.vs(), d.address(), d.port(), d.sorryServer());
                if (rs != null) {
                    dests.add(ConfiguredTable.destination(rs, s.key(), (int) d.weight()));
                }
            }
            into.active.service(s, dests);
            into.activeKeys.add(s.key());
        }
    }

    /** The part of a table that these services make up. */
    private static IpvsTable only(IpvsTable table, Set<ServiceKey> keys) {
        IpvsTable.Builder b = IpvsTable.builder();
        for (Service s : table.services()) {
            if (keys.contains(s.key())) {
                b.service(s, table.destinations(s.key()));
            }
        }
        return b.build();
    }

    private static RealServer find(VirtualServer vs, InetAddress address, int port, boolean sorry) {
        if (sorry && vs.sorryServer() != null) {
            return vs.sorryServer();
        }
        for (RealServer rs : vs.realServers()) {
            if (CheckSpecs.inet(rs.ip()).equals(address) && (rs.port() == port || port == 0 || rs.port() == 0)) {
                return rs;
            }
        }
        return vs.sorryServer();
    }

    /** One dump of the kernel's services, then the destinations of those in {@code keys}. */
    private List<ServiceReading> dump(Set<ServiceKey> keys) {
        List<ServiceReading> out = new ArrayList<>();
        for (ServiceStatus s : client.listServices()) {
            ServiceKey key = s.service().key();
            if (keys.contains(key)) {
                out.add(new ServiceReading(s, client.listDestinations(key), drain.retiring(key)));
            }
        }
        return out;
    }

    private void apply(List<Operation> plan, KernelListener.Cause cause) {
        if (plan.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        List<OperationResult> results = client.apply(plan);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int failed = 0;
        String why = cause == KernelListener.Cause.DRIFT ? " (drift repaired: the kernel differed from holdfast's "
                + "last write)" : cause == KernelListener.Cause.DRAIN ? " (drained)" : "";
        for (OperationResult r : results) {
            if (r.error().isEmpty()) {
                LOG.log(cause == KernelListener.Cause.DRIFT ? Level.WARNING : Level.INFO,
                        "IPVS: " + PlanPrinter.line(r.operation()) + why);
            } else {
                failed++;
            }
        }
        for (String line : OperationResult.errorLines(results)) {
            LOG.log(Level.ERROR, "IPVS: " + line);
        }
        listener.reconciled(cause, results.size(), failed, took);
    }

    /** Deletes drained destinations (no active connection left, or past the drain timeout) and emptied services. */
    private void drainTick() {
        if (drain.isEmpty()) {
            return;
        }
        try {
            Map<Drain.Ref, DestinationStatus> status = new HashMap<>();
            Set<ServiceKey> inKernel = new HashSet<>();
            Set<ServiceKey> wanted = new HashSet<>();
            drain.draining().keySet().forEach(r -> wanted.add(r.service()));
            wanted.addAll(drain.retiringServices());
            for (ServiceReading r : dump(wanted)) {
                ServiceKey key = r.service().service().key();
                inKernel.add(key);
                r.destinations().forEach(d -> status.put(new Drain.Ref(key, d.destination().key()), d));
            }
            List<Operation> plan = new ArrayList<>();
            for (Drain.Done done : drain.tick(status)) {
                plan.add(new Operation.DeleteDestination(done.ref().service(), done.ref().destination()));
                if (done.timedOut()) {
                    LOG.log(Level.WARNING, "IPVS: drain timeout (" + drain.timeout().toSeconds() + " s) for "
                            + done.ref().destination() + " of " + done.ref().service() + ": "
                            + done.activeConnections() + " active connection(s) cut");
                }
            }
            for (ServiceKey s : drain.emptyServices()) {
                if (inKernel.contains(s)) {
                    plan.add(new Operation.DeleteService(s));
                }
            }
            apply(plan, KernelListener.Cause.DRAIN);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "IPVS: drain: " + e.getMessage());
        }
    }

    /** The owned services and their destinations as the kernel has them, with counters; read on the kernel thread. */
    public CompletableFuture<List<ServiceReading>> read() {
        CompletableFuture<List<ServiceReading>> out = new CompletableFuture<>();
        kernel.execute(() -> {
            try {
                Set<ServiceKey> owned = new HashSet<>();
                targets.values().forEach(t -> t.services().forEach(s -> owned.add(s.key())));
                owned.addAll(drain.retiringServices());
                out.complete(dump(owned));
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    /** One owned kernel service with its destinations, as read for metrics and status. */
    public record ServiceReading(ServiceStatus service, List<DestinationStatus> destinations, boolean retiring) {
    }

    /** The destinations draining now, with their deadlines; read on the kernel thread. */
    public CompletableFuture<Map<Drain.Ref, java.time.Instant>> draining() {
        return CompletableFuture.supplyAsync(drain::draining, kernel);
    }

    @Override
    public void notify(Notification n) {
        listener.notified(n);
        if (!fifos.isEmpty()) {
            String line = n.fifoLine();
            fifoWriter.execute(() -> fifos.write(line));
        }
        LOG.log(Level.INFO, n.fifoLine() + (n instanceof Notification.RealServerChanged rc && rc.reason() != null
                && !rc.reason().isEmpty() ? " (" + rc.reason() + ")" : ""));
        Script script = script(n);
        if (script != null && !script.argv().isEmpty()) {
            scripts.execute(() -> run(script));
        }
    }

    private Script script(Notification n) {
        if (n instanceof Notification.QuorumChanged q) {
            Target t = targets.get(q.service());
            return t == null ? null : q.up() ? t.vs().quorumUp() : t.vs().quorumDown();
        }
        Notification.RealServerChanged r = (Notification.RealServerChanged) n;
        Target t = targets.get(r.service());
        if (t == null) {
            return null;
        }
        RealServer rs = find(t.vs(), r.address(), r.port(), false);
        return rs == null ? null : r.up() ? rs.notifyUp() : rs.notifyDown();
    }

    private static void run(Script s) {
        try {
            Process p = new ProcessBuilder(s.argv()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.log(Level.WARNING, "notify script " + s.command() + " still running after 30 s; killed");
            }
        } catch (java.io.IOException e) {
            LOG.log(Level.WARNING, "notify script " + s.command() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every change handed to the kernel thread has been applied. */
    @Override
    public void close() throws InterruptedException {
        if (!keepOnStop) {
            kernel.execute(() -> {
                Set<ServiceKey> present = new HashSet<>();
                client.listServices().forEach(s -> present.add(s.service().key()));
                apply(drain.retiringServices().stream().filter(present::contains)
                        .<Operation>map(Operation.DeleteService::new).toList(), KernelListener.Cause.DRAIN);
            });
        }
        kernel.shutdown();
        kernel.awaitTermination(30, TimeUnit.SECONDS);
        scripts.shutdown();
        scripts.awaitTermination(5, TimeUnit.SECONDS);
        fifoWriter.shutdown();
        fifoWriter.awaitTermination(5, TimeUnit.SECONDS);
        fifos.close();
    }
}
