package dev.holdfast.bench.checkers;

import dev.holdfast.healthcheck.Healthchecker;
import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.ProbeFactory;
import dev.holdfast.healthcheck.probe.StandardProbes;
import dev.holdfast.healthcheck.lvs.DesiredDestinations;
import dev.holdfast.healthcheck.lvs.LvsOutput;
import dev.holdfast.healthcheck.lvs.Notification;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.spec.Connection;
import dev.holdfast.healthcheck.spec.ForwardingMethod;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.HttpVersion;
import dev.holdfast.healthcheck.spec.Protocol;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.healthcheck.spec.StatusCodes;
import dev.holdfast.healthcheck.spec.UrlSpec;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * holdfast's checkers without the kernel, for machines without IPVS: the same HTTP_GET real servers bench/checkers
 * writes into its keepalived.conf (100 per virtual server, {@code address:firstPort+i}, delay_loop 1,
 * connect_timeout 5, retry 1, delay_before_retry 1, warmup 1, url /health), on the daemon's wiring (one event loop, the
 * production probes), with the desired tables counted and dropped. Runs until killed; bench/checkers measures it
 * from outside exactly as it measures the daemon and keepalived. Usage: {@code CheckerLoad address firstPort count}.
 */
public final class CheckerLoad {
    private CheckerLoad() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.parse(
                System.getProperty("bench.log", "WARNING")));
        InetAddress address = InetAddress.getByName(args[0]);
        int firstPort = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        CheckPolicy policy = new CheckPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                false, Duration.ofSeconds(5));
        UrlSpec url = new UrlSpec("/health", Optional.empty(), StatusCodes.ANY_2XX, Optional.empty());
        List<VirtualServerSpec> specs = new ArrayList<>();
        List<RealServerSpec> servers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int port = firstPort + i;
            HttpGetSpec http = HttpGetSpec.plain(policy, Connection.to(new InetSocketAddress(address, port)),
                    HttpVersion.HTTP_1_0, Optional.empty(), List.of(url), false);
            servers.add(new RealServerSpec(address, port, 1, ForwardingMethod.NAT, false, 0, 0, List.of(http)));
            if (servers.size() == 100 || i == count - 1) {
                int v = specs.size();
                specs.add(new VirtualServerSpec(new ServiceAddress.Endpoint(InetAddress.getByName("10.100." + (v / 250)
                        + "." + (v % 250 + 1)), 80, Protocol.TCP), 1, 0, false, false, false, Optional.empty(),
                        servers));
                servers = new ArrayList<>();
            }
        }
        AtomicLong tables = new AtomicLong();
        LvsOutput output = new LvsOutput() {
            @Override
            public void destinations(DesiredDestinations desired) {
                tables.incrementAndGet();
            }

            @Override
            public void notify(Notification notification) {
            }
        };
        NioEventLoopGroup loop = new NioEventLoopGroup(1);
        AtomicLong passed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        dev.holdfast.healthcheck.socket.SocketLoop sockets = dev.holdfast.healthcheck.socket.SocketLoop.start(
                Clock.systemUTC(), "holdfast-checker");
        StandardProbes standard = new StandardProbes(loop.next(), sockets, Executors.newFixedThreadPool(4));
        ProbeFactory counting = new ObservedProbes(standard, (start, end, result) ->
                (result instanceof CheckResult.Passed ? passed : failed).incrementAndGet());
        Healthchecker checker = new Healthchecker(specs, sockets, counting, new SecureRandom(), output);
        checker.start(List.of()).toCompletableFuture().join();
        System.out.println("started " + count + " HTTP_GET checkers in " + specs.size() + " virtual servers");
        // the checker's own count, to set beside what the server logged
        while (true) {
            Thread.sleep(5000);
            System.out.println("checks passed " + passed.get() + " failed " + failed.get());
        }
    }
}
