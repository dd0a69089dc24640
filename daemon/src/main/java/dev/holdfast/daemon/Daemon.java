package dev.holdfast.daemon;

import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.daemon.lvs.CheckSpecs;
import dev.holdfast.daemon.lvs.KernelWriter;
import dev.holdfast.healthcheck.Healthchecker;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import dev.holdfast.ipvs.kernel.IpvsClient;
import dev.holdfast.vrrp.runtime.VrrpService;
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
 * The running director: VRRP holds the VIPs, health checks decide and the kernel writer programs IPVS. Stops on
 * SIGTERM/SIGINT: VRRP sends priority 0 and removes its VIPs, the virtual servers leave the kernel unless -I.
 */
final class Daemon {
    private static final Logger LOG = System.getLogger("holdfast");

    private Daemon() {
    }

    /** What to run: keepalived's -C (checkers/IPVS only), -P (VRRP only), -I and -V. */
    record Parts(boolean lvs, boolean vrrp, boolean keepIpvs, boolean keepVrrp) {
    }

    static int run(KeepalivedConfig config, Parts parts, PrintStream err) {
        boolean vrrp = parts.vrrp() && !config.vrrpInstances().isEmpty();
        boolean lvs = parts.lvs() && !config.virtualServers().isEmpty();
        if (!vrrp && !lvs) {
            err.println("holdfast: nothing to run: the configuration has no "
                    + (parts.vrrp() && parts.lvs() ? "vrrp_instance and no virtual_server"
                    : parts.vrrp() ? "vrrp_instance (-P)" : "virtual_server (-C)"));
            return 1;
        }
        VrrpService vrrpService = null;
        VrrpNotifier notifier = null;
        if (vrrp) {
            notifier = new VrrpNotifier(config);
            try {
                vrrpService = VrrpService.start(config, notifier);
                LOG.log(Level.INFO, "VRRP started: " + config.vrrpInstances().size() + " instance(s)");
            } catch (RuntimeException e) {
                err.println("holdfast: VRRP: " + e.getMessage());
                return 1;
            }
        }
        int rc = lvs ? runLvs(config, parts.keepIpvs(), err) : waitForStop();
        if (vrrpService != null) {
            if (parts.keepVrrp()) {
                LOG.log(Level.INFO, "VRRP stopped; VIPs left in place (-V)");
            }
            vrrpService.stop();
            try {
                notifier.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.log(Level.INFO, "stopped");
        return rc;
    }

    private static int waitForStop() {
        CountDownLatch stop = new CountDownLatch(1);
        for (String sig : List.of("TERM", "INT")) {
            Signal.handle(new Signal(sig), s -> stop.countDown());
        }
        Signal.handle(new Signal("HUP"), s -> LOG.log(Level.WARNING,
                "SIGHUP: reload is not implemented yet; restart holdfast to apply a new configuration"));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.INFO, "stopping");
        return 0;
    }

    private static int runLvs(KeepalivedConfig config, boolean keepIpvs, PrintStream err) {
        List<VirtualServerSpec> specs = CheckSpecs.of(config, msg -> LOG.log(Level.WARNING, msg));
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
