package dev.holdfast.daemon;

import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.daemon.lvs.CheckSpecs;
import dev.holdfast.daemon.lvs.KernelWriter;
import dev.holdfast.healthcheck.Healthchecker;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import dev.holdfast.ipvs.kernel.IpvsClient;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * The running director, LVS half: health checks decide, the kernel writer programs IPVS. Stops on SIGTERM/SIGINT,
 * removing its virtual servers from the kernel unless told to keep them (-I). VRRP joins here once it is wired.
 */
final class Daemon {
    private static final Logger LOG = System.getLogger("holdfast");

    private Daemon() {
    }

    static int run(KeepalivedConfig config, boolean keepIpvs, PrintStream err) {
        List<VirtualServerSpec> specs = CheckSpecs.of(config, msg -> LOG.log(Level.WARNING, msg));
        if (specs.isEmpty()) {
            err.println("holdfast: the configuration has no virtual servers; nothing to run yet (VRRP is not wired "
                    + "into the daemon yet)");
            return 1;
        }
        IpvsClient client;
        try {
            client = IpvsClient.open();
        } catch (RuntimeException e) {
            err.println("holdfast: " + e.getMessage());
            return 1;
        }
        NioEventLoopGroup loop = new NioEventLoopGroup(1);
        ExecutorService scripts = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "holdfast-misc-check");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch stop = new CountDownLatch(1);
        try (KernelWriter writer = new KernelWriter(config, client, keepIpvs)) {
            Healthchecker checker = Healthchecker.onEventLoop(specs, loop.next(), scripts, Clock.systemUTC(),
                    new SecureRandom(), writer);
            for (String sig : List.of("TERM", "INT")) {
                Signal.handle(new Signal(sig), s -> stop.countDown());
            }
            Signal.handle(new Signal("HUP"), s -> LOG.log(Level.WARNING,
                    "SIGHUP: reload is not implemented yet; restart holdfast to apply a new configuration"));
            checker.start(localAddresses()).toCompletableFuture().join();
            int reals = specs.stream().mapToInt(v -> v.realServers().size()).sum();
            LOG.log(Level.INFO, "started: " + specs.size() + " virtual server(s), " + reals + " real server(s)"
                    + (keepIpvs ? "; IPVS entries are kept at exit (-I)" : ""));
            stop.await();
            LOG.log(Level.INFO, "stopping");
            checker.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            err.println("holdfast: " + e.getMessage());
            return 1;
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            scripts.shutdownNow();
            client.close();
        }
        LOG.log(Level.INFO, "stopped");
        return 0;
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

    /** One line per event on stderr (journald adds its own timestamp when run by systemd). */
    static void configureLogging(boolean detail) {
        System.setProperty("java.util.logging.SimpleFormatter.format",
                "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(detail ? java.util.logging.Level.FINE : java.util.logging.Level.INFO);
        for (var h : root.getHandlers()) {
            h.setLevel(root.getLevel());
            h.setFormatter(new java.util.logging.SimpleFormatter());
        }
    }
}
