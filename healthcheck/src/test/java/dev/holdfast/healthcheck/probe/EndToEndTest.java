package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.Healthchecker;
import dev.holdfast.healthcheck.lvs.DesiredDestinations;
import dev.holdfast.healthcheck.lvs.Destination;
import dev.holdfast.healthcheck.lvs.LvsOutput;
import dev.holdfast.healthcheck.lvs.Notification;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.spec.ForwardingMethod;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.HttpVersion;
import dev.holdfast.healthcheck.spec.Protocol;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.healthcheck.spec.SorryServerSpec;
import dev.holdfast.healthcheck.spec.StatusCodes;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole checker on a real event loop: nginx and a fault server as real servers, quorum 2 with a sorry server.
 * Timers are short (delay_loop 200 ms) but keepalived's fixed 1 s bootstrap delay still applies.
 */
class EndToEndTest {
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private volatile DesiredDestinations last;

    private final LvsOutput output = new LvsOutput() {
        @Override
        public void destinations(DesiredDestinations desired) {
            last = desired;
            events.add(desired);
        }

        @Override
        public void notify(Notification notification) {
            events.add(notification);
        }
    };

    private Map<String, Long> weights() {
        DesiredDestinations d = last;
        return d == null ? Map.of() : d.destinations().stream().collect(Collectors.toMap(
                x -> x.address().getHostAddress() + ":" + x.port(), Destination::weight));
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void realServersComeAndGoWithTheirServices() throws Exception {
        CheckPolicy policy = new CheckPolicy(1, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ZERO, false,
                Duration.ofMillis(300));
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try (Nginx nginx = Nginx.start(); FaultServer fault = new FaultServer(FaultServer.Behaviour.RESPOND)) {
            InetAddress lo = InetAddress.getLoopbackAddress();
            InetAddress other = InetAddress.getByName("127.0.0.2");
            UrlSpec health = new UrlSpec("/health", Optional.of(HttpGetProbeFaultTest.md5(Nginx.BODY)),
                    StatusCodes.ANY_2XX, Optional.empty());
            RealServerSpec web = new RealServerSpec(lo, nginx.port(), 1, ForwardingMethod.NAT, false, 0, 0, List.of(
                    new TcpCheckSpec(policy, Probes.loopback(nginx.port())),
                    HttpGetSpec.plain(policy, Probes.loopback(nginx.port()), HttpVersion.HTTP_1_0, Optional.empty(),
                            List.of(health), false)));
            RealServerSpec flaky = new RealServerSpec(other, fault.port(), 1, ForwardingMethod.NAT, false, 0, 0,
                    List.of(HttpGetSpec.plain(policy, Probes.loopback(fault.port()), HttpVersion.HTTP_1_0,
                            Optional.empty(), List.of(Probes.url("/")), false)));
            VirtualServerSpec vs = new VirtualServerSpec(new ServiceAddress.Endpoint(
                    InetAddress.getByName("192.168.201.15"), 80, Protocol.TCP), 2, 0, true, false, false,
                    Optional.of(new SorryServerSpec(InetAddress.getByName("127.0.0.9"), 80, ForwardingMethod.NAT,
                            false)), List.of(web, flaky));
            Healthchecker checker = Healthchecker.onEventLoop(List.of(vs), group.next(), Runnable::run, Clock.systemUTC(),
                    new Random(1), output);
            checker.start(List.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
            String webKey = "127.0.0.1:" + nginx.port();
            String flakyKey = "127.0.0.2:" + fault.port();
            assertThat(weights()).isEqualTo(Map.of(webKey, 1L, flakyKey, 1L));

            fault.behave(FaultServer.Behaviour.STALL);
            await("sorry server after the flaky server stalls", () -> weights().equals(Map.of("127.0.0.9:80", 1L)));
            assertThat(events).filteredOn(Notification.class::isInstance).map(n -> ((Notification) n).fifoLine())
                    .contains("RS [127.0.0.2]:tcp:" + fault.port() + " [192.168.201.15]:tcp:80 DOWN",
                            "VS [192.168.201.15]:tcp:80 DOWN");

            fault.behave(FaultServer.Behaviour.RESPOND);
            await("both real servers back", () -> weights().equals(Map.of(webKey, 1L, flakyKey, 1L)));

            nginx.stop();
            await("nginx reported down", () -> events.stream().anyMatch(e -> e instanceof Notification n
                    && n.fifoLine().equals("RS [127.0.0.1]:tcp:" + nginx.port() + " [192.168.201.15]:tcp:80 DOWN")));

            checker.stop().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(last.serviceActive()).isFalse();
            assertThat(last.destinations()).isEmpty();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
