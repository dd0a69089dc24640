package dev.holdfast.healthcheck;

import dev.holdfast.healthcheck.checker.ProbeFactory;
import dev.holdfast.healthcheck.checker.SharedProbes;
import dev.holdfast.healthcheck.lvs.LvsOutput;
import dev.holdfast.healthcheck.lvs.VirtualServer;
import dev.holdfast.healthcheck.lvs.VirtualServerStatus;
import dev.holdfast.healthcheck.probe.StandardProbes;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import dev.holdfast.healthcheck.socket.SocketLoop;
import dev.holdfast.healthcheck.time.EventLoopScheduler;
import dev.holdfast.healthcheck.time.Scheduler;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * All virtual servers of one configuration, run on one scheduler thread. The public methods may be called from
 * any thread: they hop onto the scheduler, where every piece of checker state lives.
 */
public final class Healthchecker {
    private final Scheduler scheduler;
    private final ProbeFactory probes;
    private final RandomGenerator random;
    private final LvsOutput output;
    /** replaced whole on reload, so any thread may take the current list */
    private volatile List<VirtualServer> virtualServers;
    /** the last value of every track_file, so virtual servers built by a reload start from it */
    private final Map<String, Long> trackedFiles = new HashMap<>();
    /** ha_suspend: how many local copies of each virtual address exist (one per interface) */
    private final Map<InetAddress, Integer> localAddresses = new HashMap<>();

    public Healthchecker(List<VirtualServerSpec> specs, Scheduler scheduler, ProbeFactory probes,
                         RandomGenerator random, LvsOutput output) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.probes = Objects.requireNonNull(probes, "probes");
        this.random = Objects.requireNonNull(random, "random");
        this.output = Objects.requireNonNull(output, "output");
        List<VirtualServer> initial = new ArrayList<>();
        SharedProbes shared = new SharedProbes();
        for (VirtualServerSpec spec : specs) {
            initial.add(new VirtualServer(spec, probes, shared, scheduler, random, output));
        }
        virtualServers = List.copyOf(initial);
    }

    /**
     * The production wiring: timers and network probes share one Netty event loop; MISC_CHECK programs are
     * started on {@code scripts}.
     */
    public static Healthchecker onEventLoop(List<VirtualServerSpec> specs, EventLoop loop, Executor scripts,
                                            Clock clock, RandomGenerator random, LvsOutput output) {
        return new Healthchecker(specs, new EventLoopScheduler(loop, clock), new StandardProbes(loop, scripts),
                random, output);
    }

    /**
     * The daemon's wiring: timers, plain HTTP_GET and TCP_CHECK sockets on {@code sockets} (the checker loop's own
     * epoll), TLS, SMTP, DNS and UDP checkers on the Netty event loop {@code netty}, their results handed back to
     * {@code sockets}; MISC_CHECK programs started on {@code scripts}.
     */
    public static Healthchecker onSocketLoop(List<VirtualServerSpec> specs, SocketLoop sockets, EventLoop netty,
                                             Executor scripts, RandomGenerator random, LvsOutput output) {
        return new Healthchecker(specs, sockets, new StandardProbes(netty, sockets, scripts), random, output);
    }

    /** The virtual servers, for status pages; read their state on the scheduler thread only. */
    public List<VirtualServer> virtualServers() {
        return virtualServers;
    }

    /** A snapshot of every virtual server, taken on the scheduler thread, for status pages and metrics. */
    public CompletionStage<List<VirtualServerStatus>> status() {
        CompletableFuture<List<VirtualServerStatus>> done = new CompletableFuture<>();
        scheduler.execute(() -> done.complete(virtualServers.stream().map(VirtualServer::status).toList()));
        return done;
    }

    /**
     * Puts the initial pools in place and starts every checker. {@code localVirtualAddresses} are the addresses
     * configured on this host right now; ha_suspend virtual servers without theirs start suspended.
     */
    public CompletionStage<Void> start(List<InetAddress> localVirtualAddresses) {
        return onScheduler(() -> {
            localVirtualAddresses.forEach(a -> localAddresses.merge(a, 1, Integer::sum));
            for (VirtualServer vs : virtualServers) {
                vs.setHaSuspended(!addressPresent(vs.service()));
                vs.start();
            }
        });
    }

    /** Shuts every virtual server down (omega notifications included) and completes when done. */
    public CompletionStage<Void> stop() {
        return onScheduler(() -> virtualServers.forEach(VirtualServer::stop));
    }

    /**
     * Reload (SIGHUP): virtual servers are matched to the previous configuration by their address (or fwmark or
     * group); a kept one takes over its predecessor's state, a vanished one is removed with its notifications, a
     * new one starts like at boot. All checkers are rescheduled from scratch, as keepalived does.
     */
    public CompletionStage<Void> reload(List<VirtualServerSpec> specs) {
        return onScheduler(() -> {
            List<VirtualServer> previous = new ArrayList<>(virtualServers);
            List<VirtualServer> next = new ArrayList<>();
            SharedProbes shared = new SharedProbes();
            for (VirtualServerSpec spec : specs) {
                VirtualServer vs = new VirtualServer(spec, probes, shared, scheduler, random, output);
                trackedFiles.forEach(vs::trackedFileChanged);
                previous.stream().filter(old -> old.service().equals(spec.address())).findFirst().ifPresent(old -> {
                    vs.takeOver(old);
                    previous.remove(old);
                });
                next.add(vs);
            }
            previous.forEach(VirtualServer::remove);
            virtualServers = List.copyOf(next);
            for (VirtualServer vs : next) {
                vs.setHaSuspended(!addressPresent(vs.service()));
                vs.start();
            }
        });
    }

    /** A FILE_CHECK track_file now holds {@code value} (the daemon reads it on inotify events). */
    public CompletionStage<Void> trackedFileChanged(String file, long value) {
        return onScheduler(() -> {
            trackedFiles.put(file, value);
            virtualServers.forEach(vs -> vs.trackedFileChanged(file, value));
        });
    }

    /** Netlink saw an address appear or disappear on this host: resume or suspend ha_suspend checkers. */
    public CompletionStage<Void> localAddressChanged(InetAddress address, boolean added) {
        return onScheduler(() -> {
            localAddresses.merge(address, added ? 1 : -1, Integer::sum);
            if (localAddresses.getOrDefault(address, 0) <= 0) {
                localAddresses.remove(address);
            }
            for (VirtualServer vs : virtualServers) {
                if (vs.service() instanceof ServiceAddress.Endpoint e && e.address().equals(address)) {
                    vs.setHaSuspended(!addressPresent(vs.service()));
                }
            }
        });
    }

    private boolean addressPresent(ServiceAddress service) {
        // only an address service can be matched to a local address; fwmark/group services never suspend here
        return !(service instanceof ServiceAddress.Endpoint e) || localAddresses.containsKey(e.address());
    }

    private CompletionStage<Void> onScheduler(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }
}
