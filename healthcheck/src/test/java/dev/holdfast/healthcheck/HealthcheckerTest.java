package dev.holdfast.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.FixedRandom;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.checker.ProbeFactory;
import dev.holdfast.healthcheck.checker.ScriptedProbe;
import dev.holdfast.healthcheck.lvs.DesiredDestinations;
import dev.holdfast.healthcheck.lvs.LvsOutput;
import dev.holdfast.healthcheck.lvs.Notification;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.spec.Connection;
import dev.holdfast.healthcheck.spec.FileCheckSpec;
import dev.holdfast.healthcheck.spec.ForwardingMethod;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.Protocol;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.ScheduledCheckSpec;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import dev.holdfast.healthcheck.time.ManualScheduler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The entry point on a manual clock: start, ha_suspend by address, tracked files, reload, stop. */
class HealthcheckerTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final List<Object> events = new ArrayList<>();
    private final ScriptedProbe probe = ScriptedProbe.passing(clock);
    private final LvsOutput output = new LvsOutput() {
        @Override
        public void destinations(DesiredDestinations desired) {
            events.add(desired);
        }

        @Override
        public void notify(Notification notification) {
            events.add(notification.fifoLine());
        }
    };
    private final ProbeFactory probes = new ProbeFactory() {
        @Override
        public Probe probe(ScheduledCheckSpec checker, RealServerSpec realServer) {
            return probe;
        }

        @Override
        public Probe urlProbe(HttpGetSpec checker, UrlSpec url, RealServerSpec realServer) {
            return probe;
        }
    };

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private static VirtualServerSpec vs(String vip, boolean haSuspend, RealServerSpec... servers) throws Exception {
        return new VirtualServerSpec(new ServiceAddress.Endpoint(ip(vip), 80, Protocol.TCP), 1, 0, false, haSuspend,
                false, Optional.empty(), List.of(servers));
    }

    private static RealServerSpec rs(String address, boolean withCheck) throws Exception {
        CheckPolicy policy = new CheckPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(6), Duration.ZERO, false,
                Duration.ofSeconds(1));
        return new RealServerSpec(ip(address), 80, 1, ForwardingMethod.NAT, false, 0, 0, withCheck
                ? List.of(new TcpCheckSpec(policy, Connection.to(new InetSocketAddress(ip(address), 80))))
                : List.of(new FileCheckSpec("maintenance", 0, false)));
    }

    private List<String> lines() {
        return events.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    @Test
    void haSuspendFollowsTheLocalAddresses() throws Exception {
        Healthchecker checker = new Healthchecker(List.of(vs("192.168.201.15", true, rs("10.0.0.1", true))), clock,
                probes, new FixedRandom(0), output);
        checker.start(List.of());
        clock.advanceSeconds(30);
        assertThat(probe.calls()).isEmpty();
        checker.localAddressChanged(ip("192.168.201.15"), true);
        clock.advanceSeconds(6);
        assertThat(probe.calls()).hasSize(1);
        checker.localAddressChanged(ip("192.168.201.15"), false);
        clock.advanceSeconds(30);
        assertThat(probe.calls()).hasSize(1);
    }

    @Test
    void trackedFilesReachEveryVirtualServer() throws Exception {
        Healthchecker checker = new Healthchecker(List.of(vs("192.168.201.15", false, rs("10.0.0.1", false)),
                vs("192.168.201.16", false, rs("10.0.0.1", false))), clock, probes, new FixedRandom(0), output);
        checker.start(List.of());
        clock.runDue();
        events.clear();
        checker.trackedFileChanged("maintenance", 1);
        clock.runDue();
        assertThat(lines()).containsExactly(
                "RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 DOWN", "VS [192.168.201.15]:tcp:80 DOWN",
                "RS [10.0.0.1]:tcp:80 [192.168.201.16]:tcp:80 DOWN", "VS [192.168.201.16]:tcp:80 DOWN");
    }

    @Test
    void reloadKeepsMatchingServicesRemovesOthersAndStartsNewOnes() throws Exception {
        Healthchecker checker = new Healthchecker(List.of(vs("192.168.201.15", false, rs("10.0.0.1", true)),
                vs("192.168.201.16", false, rs("10.0.0.2", true))), clock, probes, new FixedRandom(0), output);
        checker.start(List.of());
        clock.advanceSeconds(1);
        events.clear();
        checker.reload(List.of(vs("192.168.201.15", false, rs("10.0.0.1", true)),
                vs("192.168.201.17", false, rs("10.0.0.3", true))));
        clock.runDue();
        assertThat(lines()).containsExactly("RS [10.0.0.2]:tcp:80 [192.168.201.16]:tcp:80 DOWN",
                "VS [192.168.201.16]:tcp:80 DOWN", "VS [192.168.201.17]:tcp:80 UP");
        assertThat(events).filteredOn(DesiredDestinations.class::isInstance)
                .extracting(e -> ((DesiredDestinations) e).service().format())
                .containsExactly("[192.168.201.16]:tcp:80", "[192.168.201.17]:tcp:80");
        assertThat(checker.virtualServers()).hasSize(2);
        checker.stop();
        clock.runDue();
        assertThat(events).filteredOn(DesiredDestinations.class::isInstance).hasSize(4);
    }

    @Test
    void statusTellsWhyAServerIsOut() throws Exception {
        Healthchecker checker = new Healthchecker(List.of(vs("192.168.201.15", false, rs("10.0.0.1", true))), clock,
                probes, new FixedRandom(0), output);
        checker.start(List.of());
        probe.fail("TCP connect to 10.0.0.1:80: connection refused");
        clock.advanceSeconds(1);
        var status = checker.status().toCompletableFuture();
        clock.runDue();
        var server = status.get().get(0).realServers().get(0);
        assertThat(server.alive()).isFalse();
        assertThat(server.checkers()).singleElement().satisfies(c -> {
            assertThat(c.up()).isFalse();
            assertThat(c.lastResult()).contains(CheckResult.failed("TCP connect to 10.0.0.1:80: connection refused"));
            assertThat(c.lastResultAt()).contains(clock.now());
            assertThat(c.checks()).isEqualTo(1);
            assertThat(c.failures()).isEqualTo(1);
        });
        assertThat(status.get().get(0).quorumUp()).isFalse();
    }

    @Test
    void aReloadedVirtualServerStartsFromTheKnownTrackedFileValues() throws Exception {
        Healthchecker checker = new Healthchecker(List.of(vs("192.168.201.15", false, rs("10.0.0.1", false))), clock,
                probes, new FixedRandom(0), output);
        checker.trackedFileChanged("maintenance", 1);
        checker.start(List.of());
        clock.runDue();
        events.clear();
        checker.reload(List.of(vs("192.168.201.15", false, rs("10.0.0.1", false)),
                vs("192.168.201.16", false, rs("10.0.0.1", false))));
        clock.runDue();
        // the kept service stays as it was; the new one starts with the server already in maintenance
        assertThat(events).filteredOn(DesiredDestinations.class::isInstance).singleElement()
                .satisfies(d -> assertThat(((DesiredDestinations) d).destinations()).isEmpty());
        assertThat(lines()).isEmpty();
    }
}
