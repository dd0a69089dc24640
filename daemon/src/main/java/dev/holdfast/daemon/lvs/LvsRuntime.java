package dev.holdfast.daemon.lvs;

import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.healthcheck.Healthchecker;
import dev.holdfast.healthcheck.lvs.VirtualServerStatus;
import dev.holdfast.healthcheck.socket.SocketLoop;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import dev.holdfast.ipvs.kernel.IpvsClient;
import io.netty.channel.nio.NioEventLoopGroup;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The LVS half of the director: health checkers on one event loop, their decisions written to kernel IPVS.
 * Started once, reloaded in place (checker state of unchanged real servers kept, removed ones drained), stopped
 * at exit (services removed unless -I).
 */
public final class LvsRuntime implements AutoCloseable {
    private static final Logger LOG = System.getLogger("holdfast");

    private final IpvsClient client;
    private final NioEventLoopGroup loop = new NioEventLoopGroup(1);
    private final ExecutorService scripts = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "holdfast-misc-check");
        t.setDaemon(true);
        return t;
    });
    private final SocketLoop sockets;
    private final KernelWriter writer;
    private final Healthchecker checker;

    /** Settings holdfast has and keepalived lacks (command-line options). */
    public record Settings(boolean keepIpvs, Duration drainTimeout, Duration driftInterval) {
    }

    private LvsRuntime(KeepalivedConfig config, IpvsClient client, Settings settings,
                       KernelWriter.KernelListener listener) {
        this.client = client;
        this.writer = new KernelWriter(config, client, settings.keepIpvs(),
                new Drain(Clock.systemUTC(), settings.drainTimeout()), listener, settings.driftInterval());
        this.sockets = openSocketLoop();
        this.checker = Healthchecker.onSocketLoop(specs(config), sockets, loop.next(), scripts, new SecureRandom(),
                writer);
    }

    /**
     * Opens IPVS and starts every checker; returns once the first desired table is on its way to the kernel.
     *
     * @throws RuntimeException with a one-line message when IPVS cannot be opened (no module, not root)
     */
    public static LvsRuntime start(KeepalivedConfig config, Settings settings, KernelWriter.KernelListener listener) {
        IpvsClient client = IpvsClient.open();
        LvsRuntime lvs = new LvsRuntime(config, client, settings, listener);
        lvs.writer.hold();
        try {
            lvs.checker.start(localAddresses()).toCompletableFuture().join();
        } finally {
            lvs.writer.release();
        }
        List<VirtualServerSpec> specs = specs(config);
        int reals = specs.stream().mapToInt(v -> v.realServers().size()).sum();
        LOG.log(Level.INFO, "LVS started: " + specs.size() + " virtual server(s), " + reals + " real server(s)"
                + (settings.keepIpvs() ? "; IPVS entries are kept at exit (-I)" : ""));
        return lvs;
    }

    private static SocketLoop openSocketLoop() {
        try {
            return SocketLoop.start(Clock.systemUTC(), "holdfast-checker");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start the checker loop: " + e.getMessage(), e);
        }
    }

    private static List<VirtualServerSpec> specs(KeepalivedConfig config) {
        return CheckSpecs.of(config, msg -> LOG.log(Level.WARNING, msg));
    }

    /** Applies a reloaded configuration: the kernel writer first (drains), then the checkers (state kept). */
    public void reload(KeepalivedConfig config) {
        writer.retarget(config);
        checker.reload(specs(config)).toCompletableFuture().join();
        writer.replay(KernelWriter.KernelListener.Cause.RELOAD);
    }

    /** An address appeared on or left this host (a VIP): ha_suspend checkers resume or pause. */
    public void localAddressChanged(InetAddress address, boolean added) {
        checker.localAddressChanged(address, added);
    }

    /** Every virtual server's checker view, taken on the checker thread (see {@link LatestReading}). */
    public List<VirtualServerStatus> status(java.time.Duration wait) throws InterruptedException,
            java.util.concurrent.ExecutionException {
        return statusReading.get(wait);
    }

    /** The owned kernel services with counters (see {@link LatestReading}). */
    public List<KernelWriter.ServiceReading> kernel(java.time.Duration wait) throws InterruptedException,
            java.util.concurrent.ExecutionException {
        return kernelReading.get(wait);
    }

    /** Real servers being drained after a reload, with their deadlines (see {@link LatestReading}). */
    public java.util.Map<Drain.Ref, java.time.Instant> draining(java.time.Duration wait) throws InterruptedException,
            java.util.concurrent.ExecutionException {
        return drainingReading.get(wait);
    }

    private final LatestReading<List<VirtualServerStatus>> statusReading =
            new LatestReading<>(this::readStatus, List.of());
    private final LatestReading<List<KernelWriter.ServiceReading>> kernelReading =
            new LatestReading<>(this::readKernel, List.of());
    private final LatestReading<java.util.Map<Drain.Ref, java.time.Instant>> drainingReading =
            new LatestReading<>(this::readDraining, java.util.Map.of());

    private CompletableFuture<List<VirtualServerStatus>> readStatus() {
        return checker.status().toCompletableFuture();
    }

    private CompletableFuture<List<KernelWriter.ServiceReading>> readKernel() {
        return writer.read();
    }

    private CompletableFuture<java.util.Map<Drain.Ref, java.time.Instant>> readDraining() {
        return writer.draining();
    }

    /** Stops the checkers (omega notifications), removes the services unless -I, closes IPVS. */
    @Override
    public void close() {
        try {
            checker.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
            writer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.ERROR, "stopping the checkers: " + e.getMessage());
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            sockets.close();
            scripts.shutdownNow();
            client.close();
        }
    }

    private static List<InetAddress> localAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                nif.getInterfaceAddresses().forEach(a -> out.add(a.getAddress()));
            }
        } catch (SocketException e) {
            LOG.log(Level.WARNING, "cannot list local addresses: " + e.getMessage());
        }
        return out;
    }
}
