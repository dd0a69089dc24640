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
import dev.holdfast.healthcheck.lvs.VirtualServerStatus;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.spec.CheckerSpec;
import dev.holdfast.healthcheck.spec.Connection;
import dev.holdfast.healthcheck.spec.ForwardingMethod;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.HttpVersion;
import dev.holdfast.healthcheck.spec.MiscCheckSpec;
import dev.holdfast.healthcheck.spec.Protocol;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.ScheduledCheckSpec;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.healthcheck.spec.StatusCodes;
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

/**
 * Identical probes of several virtual servers run once (keepalived runs them once per virtual server): one probe
 * call per cycle, every virtual server still sees its real server go down and come back, with its own
 * notifications, and the sharing ends where the probes or their timing differ.
 */
class SharedProbesTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final List<String> lines = new ArrayList<>();
    private final List<DesiredDestinations> tables = new ArrayList<>();
    /** one scripted probe per built probe, in build order */
    private final List<ScriptedProbe> built = new ArrayList<>();
    private final LvsOutput output = new LvsOutput() {
        @Override
        public void destinations(DesiredDestinations desired) {
            tables.add(desired);
        }

        @Override
        public void notify(Notification notification) {
            lines.add(notification.fifoLine());
        }
    };
    private final ProbeFactory probes = new ProbeFactory() {
        @Override
        public Probe probe(ScheduledCheckSpec checker, RealServerSpec realServer) {
            return build();
        }

        @Override
        public Probe urlProbe(HttpGetSpec checker, UrlSpec url, RealServerSpec realServer) {
            return build();
        }
    };

    private ScriptedProbe build() {
        ScriptedProbe p = ScriptedProbe.passing(clock);
        built.add(p);
        return p;
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    private static CheckPolicy policy(long delayLoop) {
        return new CheckPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(delayLoop), Duration.ZERO, false,
                Duration.ofSeconds(1));
    }

    private static TcpCheckSpec tcp(String address, long delayLoop) throws Exception {
        return new TcpCheckSpec(policy(delayLoop), Connection.to(new InetSocketAddress(ip(address), 80)));
    }

    private static HttpGetSpec http(String address) throws Exception {
        UrlSpec a = new UrlSpec("/a", Optional.empty(), StatusCodes.of(200), Optional.empty(), Optional.empty(),
                false);
        UrlSpec b = new UrlSpec("/b", Optional.empty(), StatusCodes.of(200), Optional.empty(), Optional.empty(),
                false);
        return HttpGetSpec.plain(policy(6), Connection.to(new InetSocketAddress(ip(address), 80)), HttpVersion.HTTP_1_0,
                Optional.empty(), List.of(a, b), false);
    }

    private static RealServerSpec rs(String address, long weight, CheckerSpec checker) throws Exception {
        return new RealServerSpec(ip(address), 80, weight, ForwardingMethod.NAT, false, 0, 0, List.of(checker));
    }

    private static VirtualServerSpec vs(String vip, int port, boolean haSuspend, RealServerSpec... servers)
            throws Exception {
        return new VirtualServerSpec(new ServiceAddress.Endpoint(ip(vip), port, Protocol.TCP), 1, 0, false, haSuspend,
                false, Optional.empty(), List.of(servers));
    }

    private Healthchecker start(VirtualServerSpec... specs) {
        Healthchecker checker = new Healthchecker(List.of(specs), clock, probes, new FixedRandom(0), output);
        checker.start(List.of());
        clock.runDue();
        lines.clear(); // the starting quorum lines
        return checker;
    }

    private List<VirtualServerStatus> status(Healthchecker checker) throws Exception {
        var status = checker.status().toCompletableFuture();
        clock.runDue();
        return status.get();
    }

    @Test
    void oneProbeServesEveryVirtualServerAndEachSeesItsServerGoAndComeBack() throws Exception {
        Healthchecker checker = start(vs("192.168.201.15", 80, false, rs("10.0.0.1", 1, tcp("10.0.0.1", 6))),
                vs("192.168.201.15", 8080, false, rs("10.0.0.1", 1, tcp("10.0.0.1", 6))),
                vs("192.168.201.16", 80, false, rs("10.0.0.1", 3, tcp("10.0.0.1", 6))));
        assertThat(built).as("one probe built for three identical checkers").hasSize(1);
        ScriptedProbe probe = built.get(0);
        clock.advanceSeconds(1 + 6 * 4);
        assertThat(probe.calls()).as("one call per delay_loop, not three").hasSize(5);

        probe.fail("TCP connect to 10.0.0.1:80: connection refused");
        clock.advanceSeconds(6 + 1);
        assertThat(probe.calls()).as("the failed check and its one retry, once").hasSize(7);
        assertThat(lines).containsExactly(
                "RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 DOWN", "VS [192.168.201.15]:tcp:80 DOWN",
                "RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:8080 DOWN", "VS [192.168.201.15]:tcp:8080 DOWN",
                "RS [10.0.0.1]:tcp:80 [192.168.201.16]:tcp:80 DOWN", "VS [192.168.201.16]:tcp:80 DOWN");
        assertThat(tables.subList(tables.size() - 3, tables.size()))
                .allSatisfy(t -> assertThat(t.destinations()).isEmpty());

        lines.clear();
        probe.pass();
        clock.advanceSeconds(6);
        assertThat(lines).containsExactly(
                "RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 UP", "VS [192.168.201.15]:tcp:80 UP",
                "RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:8080 UP", "VS [192.168.201.15]:tcp:8080 UP",
                "RS [10.0.0.1]:tcp:80 [192.168.201.16]:tcp:80 UP", "VS [192.168.201.16]:tcp:80 UP");
        assertThat(tables.get(tables.size() - 1).destinations()).singleElement()
                .satisfies(d -> assertThat(d.weight()).isEqualTo(3));

        List<VirtualServerStatus> status = status(checker);
        var first = status.get(0).realServers().get(0).checkers().get(0);
        var second = status.get(1).realServers().get(0).checkers().get(0);
        assertThat(first.probedBy()).isEmpty();
        assertThat(second.probedBy()).contains(first.name());
        assertThat(second.checks()).isEqualTo(first.checks()).isEqualTo(probe.calls().size());
        assertThat(second.failures()).isEqualTo(first.failures()).isEqualTo(2);
    }

    @Test
    void httpUrlWalksAreSharedToo() throws Exception {
        start(vs("192.168.201.15", 80, false, rs("10.0.0.1", 1, http("10.0.0.1"))),
                vs("192.168.201.16", 80, false, rs("10.0.0.1", 1, http("10.0.0.1"))));
        assertThat(built).as("the two url probes of the first checker only").hasSize(2);
        clock.advanceSeconds(1 + 6 * 3);
        assertThat(built.get(0).calls()).hasSize(2);
        assertThat(built.get(1).calls()).hasSize(2);
        built.get(1).fail("HTTP_GET http://10.0.0.1:80/b: status 503 not in 200");
        clock.advanceSeconds(6 + 6 + 1);
        assertThat(lines).containsExactly(
                "RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 DOWN", "VS [192.168.201.15]:tcp:80 DOWN",
                "RS [10.0.0.1]:tcp:80 [192.168.201.16]:tcp:80 DOWN", "VS [192.168.201.16]:tcp:80 DOWN");
    }

    @Test
    void differentTimingHaSuspendAndMiscWeightsKeepTheirOwnProbes() throws Exception {
        MiscCheckSpec misc = new MiscCheckSpec(policy(6), List.of("/bin/true"), Duration.ofSeconds(5), true,
                Optional.empty());
        start(vs("192.168.201.15", 80, false, rs("10.0.0.1", 1, tcp("10.0.0.1", 6)), rs("10.0.0.2", 1, misc)),
                vs("192.168.201.16", 80, false, rs("10.0.0.1", 1, tcp("10.0.0.1", 3)), rs("10.0.0.2", 2, misc)),
                vs("192.168.201.17", 80, true, rs("10.0.0.1", 1, tcp("10.0.0.1", 6))),
                vs("192.168.201.18", 80, false, rs("10.0.0.1", 1, tcp("10.0.0.1", 6)), rs("10.0.0.2", 1, misc)));
        // tcp@6 and misc@weight1 (shared by .15 and .18), tcp@3 and misc@weight2 (.16), tcp@6 under ha_suspend (.17)
        assertThat(built).hasSize(5);
    }

    @Test
    void whenTheProbingVirtualServerGoesTheOthersKeepBeingChecked() throws Exception {
        Healthchecker checker = start(vs("192.168.201.15", 80, false, rs("10.0.0.1", 1, tcp("10.0.0.1", 6))),
                vs("192.168.201.16", 80, false, rs("10.0.0.1", 1, tcp("10.0.0.1", 6))));
        ScriptedProbe probe = built.get(0);
        clock.advanceSeconds(1 + 6);
        assertThat(probe.calls()).hasSize(2);
        checker.virtualServers().get(0).stop();
        clock.runDue();
        lines.clear();
        clock.advanceSeconds(12);
        assertThat(probe.calls()).as("the second virtual server's checker probes now").hasSize(4);
        probe.fail("TCP connect to 10.0.0.1:80: connection refused");
        clock.advanceSeconds(6 + 1);
        assertThat(lines).containsExactly("RS [10.0.0.1]:tcp:80 [192.168.201.16]:tcp:80 DOWN",
                "VS [192.168.201.16]:tcp:80 DOWN");
        var status = status(checker);
        assertThat(status.get(1).realServers().get(0).checkers().get(0).probedBy()).isEmpty();
    }

    @Test
    void aReloadKeepsTheSharingAndTheState() throws Exception {
        Healthchecker checker = start(vs("192.168.201.15", 80, false, rs("10.0.0.1", 1, tcp("10.0.0.1", 6))),
                vs("192.168.201.16", 80, false, rs("10.0.0.1", 1, tcp("10.0.0.1", 6))));
        built.get(0).fail("TCP connect to 10.0.0.1:80: connection refused");
        clock.advanceSeconds(1);
        assertThat(lines).hasSize(4);
        lines.clear();
        checker.reload(List.of(vs("192.168.201.15", 80, false, rs("10.0.0.1", 1, tcp("10.0.0.1", 6))),
                vs("192.168.201.16", 80, false, rs("10.0.0.1", 1, tcp("10.0.0.1", 6))),
                vs("192.168.201.17", 80, false, rs("10.0.0.1", 1, tcp("10.0.0.1", 6)))));
        clock.runDue();
        ScriptedProbe after = built.get(built.size() - 1);
        assertThat(built).as("one new probe for the reloaded configuration").hasSize(2);
        after.pass();
        clock.advanceSeconds(1 + 6);
        // the two kept virtual servers come back up; the new one shares a probe whose state it does not have
        // (it starts up, as a new checker of a new server does), so it runs its own
        assertThat(lines).contains("RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 UP",
                "RS [10.0.0.1]:tcp:80 [192.168.201.16]:tcp:80 UP");
        var status = status(checker);
        assertThat(status.get(1).realServers().get(0).checkers().get(0).probedBy()).isPresent();
        assertThat(status.get(2).realServers().get(0).checkers().get(0).probedBy()).isEmpty();
        assertThat(status).allSatisfy(v -> assertThat(v.realServers().get(0).alive()).isTrue());
    }
}
