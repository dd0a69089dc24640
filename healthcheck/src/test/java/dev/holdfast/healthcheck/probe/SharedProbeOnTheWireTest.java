package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.Healthchecker;
import dev.holdfast.healthcheck.lvs.DesiredDestinations;
import dev.holdfast.healthcheck.lvs.LvsOutput;
import dev.holdfast.healthcheck.lvs.Notification;
import dev.holdfast.healthcheck.socket.SocketLoop;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.spec.ForwardingMethod;
import dev.holdfast.healthcheck.spec.Protocol;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * On the daemon's wiring and a real listener: one real server under four virtual servers with the same TCP_CHECK
 * is connected to once per delay_loop, not four times (keepalived connects once per virtual server), and all four
 * virtual servers see it go when the listener closes.
 */
class SharedProbeOnTheWireTest {

    @Test
    void fourVirtualServersOneConnectionPerCycle() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    accepted.incrementAndGet();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "counting-listener");
        acceptor.setDaemon(true);
        acceptor.start();
        ConcurrentHashMap<ServiceAddress, DesiredDestinations> last = new ConcurrentHashMap<>();
        LvsOutput output = new LvsOutput() {
            @Override
            public void destinations(DesiredDestinations desired) {
                last.put(desired.service(), desired);
            }

            @Override
            public void notify(Notification notification) {
            }
        };
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        SocketLoop sockets = SocketLoop.start(Clock.systemUTC(), "test-socket-loop");
        try {
            CheckPolicy policy = new CheckPolicy(0, Duration.ofMillis(100), Duration.ofMillis(250), Duration.ZERO,
                    false, Duration.ofSeconds(1));
            List<VirtualServerSpec> specs = new ArrayList<>();
            for (int v = 0; v < 4; v++) {
                RealServerSpec rs = new RealServerSpec(InetAddress.getLoopbackAddress(), listener.getLocalPort(), 1,
                        ForwardingMethod.NAT, false, 0, 0, List.of(new TcpCheckSpec(policy,
                        Probes.loopback(listener.getLocalPort()))));
                specs.add(new VirtualServerSpec(new ServiceAddress.Endpoint(InetAddress.getByName("192.168.9." + v),
                        80, Protocol.TCP), 1, 0, false, false, false, Optional.empty(), List.of(rs)));
            }
            Healthchecker checker = Healthchecker.onSocketLoop(specs, sockets, group.next(), Runnable::run,
                    new Random(7), output);
            checker.start(List.of()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            // the first check comes after the bootstrap second, then one every 250 ms
            Thread.sleep(1000 + 2600);
            int connections = accepted.get();
            assertThat(connections).as("connections in ~2.6 s of 250 ms cycles, for four virtual servers")
                    .isBetween(5, 16);
            assertThat(last).hasSize(4);
            assertThat(last.values()).allSatisfy(d -> assertThat(d.destinations()).hasSize(1));

            listener.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline
                    && !last.values().stream().allMatch(d -> d.destinations().isEmpty())) {
                Thread.sleep(50);
            }
            assertThat(last.values()).as("every virtual server lost the server")
                    .allSatisfy(d -> assertThat(d.destinations()).isEmpty());
            checker.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            listener.close();
            sockets.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
