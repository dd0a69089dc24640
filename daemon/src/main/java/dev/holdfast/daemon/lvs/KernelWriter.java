package dev.holdfast.daemon.lvs;

import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.RealServer;
import dev.holdfast.config.model.Script;
import dev.holdfast.config.model.VirtualServer;
import dev.holdfast.healthcheck.lvs.DesiredDestinations;
import dev.holdfast.healthcheck.lvs.LvsOutput;
import dev.holdfast.healthcheck.lvs.Notification;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.IpvsTable;
import dev.holdfast.ipvs.Operation;
import dev.holdfast.ipvs.Ownership;
import dev.holdfast.ipvs.PlanPrinter;
import dev.holdfast.ipvs.Reconciler;
import dev.holdfast.ipvs.Service;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Turns the health checker's desired destinations into kernel IPVS operations. Called on the checker's event loop,
 * it only records the wish and hands it to its own kernel thread, so a slow netlink round trip never delays a
 * check. Each change is reconciled against the kernel as it is (drift included), touching only the changed
 * virtual server's services.
 */
public final class KernelWriter implements LvsOutput, AutoCloseable {
    private static final Logger LOG = System.getLogger("holdfast.ipvs");

    private final IpvsClient client;
    private final boolean keepOnStop;
    private final ExecutorService kernel = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "holdfast-ipvs");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService scripts = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "holdfast-notify");
        t.setDaemon(true);
        return t;
    });
    private final Map<ServiceAddress, Target> targets = new HashMap<>();

    /** A virtual server of the config and the kernel services it stands for. */
    private record Target(VirtualServer vs, List<Service> services) {
    }

    public KernelWriter(KeepalivedConfig config, IpvsClient client, boolean keepOnStop) {
        this.client = client;
        this.keepOnStop = keepOnStop;
        for (VirtualServer vs : config.virtualServers()) {
            targets.put(CheckSpecs.address(vs), new Target(vs, ConfiguredTable.services(vs,
                    config.virtualServerGroups())));
        }
    }

    @Override
    public void destinations(DesiredDestinations desired) {
        Target target = targets.get(desired.service());
        if (target == null) {
            LOG.log(Level.WARNING, "no virtual server for " + desired.service() + "; destinations ignored");
            return;
        }
        IpvsTable.Builder want = IpvsTable.builder();
        boolean remove = !desired.serviceActive();
        if (remove && keepOnStop) {
            return;
        }
        if (!remove) {
            for (Service s : target.services()) {
                List<Destination> dests = new ArrayList<>();
                for (var d : desired.destinations()) {
                    RealServer rs = find(target.vs(), d.address(), d.port(), d.sorryServer());
                    if (rs != null) {
                        dests.add(ConfiguredTable.destination(rs, s.key(), (int) d.weight()));
                    }
                }
                want.service(s, dests);
            }
        }
        IpvsTable wanted = want.build();
        Set<Object> keys = new HashSet<>();
        target.services().forEach(s -> keys.add(s.key()));
        kernel.execute(() -> reconcile(wanted, keys, remove));
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

    /** Plans against the kernel's current state of these services and applies the difference. */
    private void reconcile(IpvsTable wanted, Set<Object> keys, boolean remove) {
        try {
            IpvsTable.Builder now = IpvsTable.builder();
            for (ServiceStatus s : client.listServices()) {
                if (keys.contains(s.service().key())) {
                    List<Destination> dests = new ArrayList<>();
                    for (DestinationStatus d : client.listDestinations(s.service().key())) {
                        dests.add(d.destination());
                    }
                    now.service(s.service(), dests);
                }
            }
            List<Operation> plan = Reconciler.plan(wanted, now.build(), remove ? Ownership.ALL : Ownership.ONLY_CONFIGURED);
            if (plan.isEmpty()) {
                return;
            }
            List<OperationResult> results = client.apply(plan);
            for (OperationResult r : results) {
                if (r.error().isEmpty()) {
                    LOG.log(Level.INFO, "IPVS: " + PlanPrinter.line(r.operation()));
                }
            }
            for (String line : OperationResult.errorLines(results)) {
                LOG.log(Level.ERROR, "IPVS: " + line);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "IPVS: " + e.getMessage());
        }
    }

    @Override
    public void notify(Notification n) {
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
        kernel.shutdown();
        kernel.awaitTermination(30, TimeUnit.SECONDS);
        scripts.shutdown();
        scripts.awaitTermination(5, TimeUnit.SECONDS);
    }
}
