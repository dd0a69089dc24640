package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.Healthchecker;
import dev.holdfast.healthcheck.lvs.DesiredDestinations;
import dev.holdfast.healthcheck.lvs.LvsOutput;
import dev.holdfast.healthcheck.lvs.Notification;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.spec.ForwardingMethod;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.HttpVersion;
import dev.holdfast.healthcheck.spec.Protocol;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two thousand checkers on the daemon's socket loop against nginx: 100 virtual servers x 10 real servers, a TCP_CHECK and
 * an HTTP_GET each, delay_loop 500 ms. Alpha mode, so a server is in the pool only once both its checks really
 * passed, and any failure or timeout under load would show as a notify_down.
 */
class ManyCheckersTest {

    @Test
    void twoThousandCheckersShareOneEventLoop() throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        // the daemon's wiring: timers, TCP_CHECK and plain HTTP_GET on the socket loop
        dev.holdfast.healthcheck.socket.SocketLoop sockets = dev.holdfast.healthcheck.socket.SocketLoop.start(
                Clock.systemUTC(), "test-socket-loop");
        AtomicInteger downs = new AtomicInteger();
        ConcurrentHashMap<ServiceAddress, DesiredDestinations> last = new ConcurrentHashMap<>();
        LvsOutput output = new LvsOutput() {
            @Override
            public void destinations(DesiredDestinations desired) {
                last.put(desired.service(), desired);
            }

            @Override
            public void notify(Notification notification) {
                if (!notification.up()) {
                    downs.incrementAndGet();
                }
            }
        };
        try (Nginx nginx = Nginx.start()) {
            List<VirtualServerSpec> specs = new ArrayList<>();
            for (int v = 0; v < 100; v++) {
                List<RealServerSpec> servers = new ArrayList<>();
                for (int r = 0; r < 10; r++) {
                    // every checker different (its connect_timeout, by a millisecond): identical probes would be
                    // run once for all (SharedProbes), and this test is about 2,000 of them
                    CheckPolicy policy = new CheckPolicy(1, Duration.ofMillis(200), Duration.ofMillis(500),
                            Duration.ofMillis(500), true, Duration.ofMillis(2000 + v * 10 + r));
                    servers.add(new RealServerSpec(InetAddress.getByName("10.1." + v + "." + (r + 1)), 80, 1,
                            ForwardingMethod.DR, false, 0, 0, List.of(
                            new TcpCheckSpec(policy, Probes.loopback(nginx.port())),
                            HttpGetSpec.plain(policy, Probes.loopback(nginx.port()), HttpVersion.HTTP_1_0,
                                    Optional.empty(), List.of(Probes.url("/health")), false))));
                }
                specs.add(new VirtualServerSpec(new ServiceAddress.Endpoint(InetAddress.getByName("192.168.1." + v),
                        80, Protocol.TCP), 10, 0, false, false, false, Optional.empty(), servers));
            }
            Healthchecker checker = Healthchecker.onSocketLoop(specs, sockets, group.next(), Runnable::run,
                    new Random(7), output);
            checker.start(List.of()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            // every server up (alpha: both its checks passed), then a few more cycles under load; the deadline
            // is generous because a shared CI machine may be slow, and no failure is allowed meanwhile
            Instant end = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(end) && !(last.size() == 100
                    && last.values().stream().allMatch(d -> d.destinations().size() == 10))) {
                Thread.sleep(100);
            }
            Thread.sleep(2000);
            assertThat(downs.get()).as("no check failed or timed out under load").isZero();
            assertThat(last).hasSize(100);
            assertThat(last.values()).allSatisfy(d -> assertThat(d.destinations()).hasSize(10));
            checker.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            sockets.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
