package dev.holdfast.healthcheck.lvs;

import static dev.holdfast.healthcheck.lvs.Pool.rs;
import static dev.holdfast.healthcheck.lvs.Pool.sorry;
import static dev.holdfast.healthcheck.lvs.Pool.tcp;
import static dev.holdfast.healthcheck.lvs.Pool.vs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.spec.ForwardingMethod;
import dev.holdfast.healthcheck.spec.Protocol;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Quorum, sorry server, inhibit_on_failure, alpha and omega at the virtual-server level (inventory D.3). */
class VirtualServerTest {
    private final Pool pool = new Pool();
    private final TcpCheckSpec a = tcp("10.0.0.1", 80, false);
    private final TcpCheckSpec b = tcp("10.0.0.2", 80, false);
    private final TcpCheckSpec c = tcp("10.0.0.3", 80, false);

    private static Map<String, Long> map(Object... pairs) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return map;
    }

    @Test
    void startsWithLiveServersInThePoolAndReportsQuorumUp() {
        VirtualServer vs = pool.build(vs(2, 0, Optional.empty(), rs("10.0.0.1", 80, 1, false, a),
                rs("10.0.0.2", 80, 1, false, b)));
        vs.start();
        assertThat(pool.weights()).isEqualTo(map("10.0.0.1:80", 1, "10.0.0.2:80", 1));
        assertThat(pool.output.notifications()).singleElement().isEqualTo(new Notification.QuorumChanged(
                vs.service(), true, true, false, 2, 0, 2, 2));
        assertThat(((Notification.QuorumChanged) pool.output.notifications().get(0)).message())
                .isEqualTo("=> Starting with quorum up 2+0=2 <= 2 <=");
    }

    @Test
    void startingBelowQuorumWithoutSorryServerReportsNothing() {
        VirtualServer vs = pool.build(vs(5, 0, Optional.empty(), rs("10.0.0.1", 80, 1, false, a)));
        vs.start();
        assertThat(vs.quorumUp()).isFalse();
        assertThat(pool.output.notifications()).isEmpty();
        assertThat(pool.weights()).isEqualTo(map("10.0.0.1:80", 1));
    }

    @Test
    void startingBelowQuorumWithSorryServerPutsItInAtOnce() {
        VirtualServer vs = pool.build(vs(5, 0, sorry("10.9.9.9", 80, false), rs("10.0.0.1", 80, 1, false, a)));
        vs.start();
        assertThat(vs.sorryServerActive()).isTrue();
        assertThat(pool.output.destinationSets()).isEqualTo(1);
        assertThat(pool.weights()).isEqualTo(map("10.9.9.9:80", 1));
        assertThat(pool.output.lastDestinations().destinations().get(0).sorryServer()).isTrue();
        assertThat(pool.output.fifoLines()).containsExactly("VS [192.168.201.15]:tcp:80 DOWN");
    }

    @Test
    void sorryServerReplacesTheLiveServersOnQuorumLossAndLeavesOnGain() {
        VirtualServer vs = pool.build(vs(2, 0, sorry("10.9.9.9", 80, false), rs("10.0.0.1", 80, 1, false, a),
                rs("10.0.0.2", 80, 1, false, b), rs("10.0.0.3", 80, 1, false, c)));
        vs.start();
        pool.firstChecks();
        assertThat(pool.weights()).isEqualTo(map("10.0.0.1:80", 1, "10.0.0.2:80", 1, "10.0.0.3:80", 1));

        pool.probe(a).fail();
        pool.probe(b).fail();
        pool.failThroughRetries();
        // 1 < 2: the still-alive 10.0.0.3 leaves the pool with the others, the sorry server comes in
        assertThat(vs.quorumUp()).isFalse();
        assertThat(vs.realServers().get(2).alive()).isTrue();
        assertThat(pool.weights()).isEqualTo(map("10.9.9.9:80", 1));

        // while the sorry server serves, server changes only move internal state
        pool.output.clear();
        pool.probe(c).fail();
        pool.failThroughRetries();
        assertThat(pool.output.destinationSets()).isZero();
        assertThat(pool.output.fifoLines()).containsExactly("RS [10.0.0.3]:tcp:80 [192.168.201.15]:tcp:80 DOWN");
        pool.probe(c).pass();
        pool.probe(a).pass();
        pool.cycle();
        assertThat(vs.quorumUp()).isTrue();
        assertThat(pool.weights()).isEqualTo(map("10.0.0.1:80", 1, "10.0.0.3:80", 1));
        assertThat(pool.output.fifoLines()).contains("VS [192.168.201.15]:tcp:80 UP");
    }

    @Test
    void sorryServerInhibitKeepsItAtWeightZeroWhileUnused() {
        VirtualServer vs = pool.build(vs(1, 0, sorry("10.9.9.9", 80, true), rs("10.0.0.1", 80, 4, false, a)));
        vs.start();
        pool.firstChecks();
        assertThat(pool.weights()).isEqualTo(map("10.0.0.1:80", 4, "10.9.9.9:80", 0));
        pool.probe(a).fail();
        pool.failThroughRetries();
        assertThat(pool.weights()).isEqualTo(map("10.9.9.9:80", 1));
        pool.probe(a).pass();
        pool.cycle();
        assertThat(pool.weights()).isEqualTo(map("10.0.0.1:80", 4, "10.9.9.9:80", 0));
    }

    @Test
    void inhibitOnFailureKeepsADownServerAtWeightZero() {
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 3, true, a),
                rs("10.0.0.2", 80, 2, false, b)));
        vs.start();
        pool.firstChecks();
        pool.probe(a).fail();
        pool.probe(b).fail();
        pool.failThroughRetries();
        assertThat(pool.weights()).isEqualTo(map("10.0.0.1:80", 0));
        pool.probe(a).pass();
        pool.cycle();
        assertThat(pool.weights()).isEqualTo(map("10.0.0.1:80", 3));
    }

    @Test
    void inhibitedServersStayAtWeightZeroWhileTheSorryServerServes() {
        VirtualServer vs = pool.build(vs(3, 0, sorry("10.9.9.9", 80, false), rs("10.0.0.1", 80, 2, true, a),
                rs("10.0.0.2", 80, 1, true, b)));
        vs.start();
        pool.firstChecks();
        pool.probe(b).fail();
        pool.failThroughRetries();
        assertThat(pool.weights()).isEqualTo(map("10.0.0.1:80", 0, "10.0.0.2:80", 0, "10.9.9.9:80", 1));
    }

    @Test
    void alphaServersStayOutOfThePoolUntilTheirCheckPasses() {
        TcpCheckSpec alpha = tcp("10.0.0.1", 80, true);
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 1, false, alpha),
                rs("10.0.0.2", 80, 1, true, tcp("10.0.0.2", 80, true))));
        vs.start();
        // the inhibited alpha server is in the table at weight 0, the other is absent
        assertThat(pool.weights()).isEqualTo(map("10.0.0.2:80", 0));
        pool.firstChecks();
        assertThat(pool.output.fifoLines()).containsExactly(
                "RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 DOWN",
                "RS [10.0.0.2]:tcp:80 [192.168.201.15]:tcp:80 DOWN");
        pool.probe(alpha).pass();
        pool.cycle();
        assertThat(pool.weights()).isEqualTo(map("10.0.0.1:80", 1, "10.0.0.2:80", 0));
        assertThat(vs.quorumUp()).isTrue();
    }

    @Test
    void withoutOmegaShutdownRemovesEverythingSilently() {
        VirtualServer vs = pool.build(vs(1, 0, sorry("10.9.9.9", 80, true), rs("10.0.0.1", 80, 1, false, a)));
        vs.start();
        pool.firstChecks();
        pool.output.clear();
        vs.stop();
        assertThat(pool.output.events).containsExactly(new DesiredDestinations(vs.service(), false, List.of()));
        vs.stop();
        assertThat(pool.output.events).hasSize(1);
    }

    @Test
    void omegaWhileTheSorryServerServesReportsOnlyServersStillInThePool() {
        VirtualServerSpec spec = new VirtualServerSpec(Pool.vip("192.168.201.15", 80), 2, 0, true, false, false,
                sorry("10.9.9.9", 80, false), List.of(rs("10.0.0.1", 80, 1, false, a), rs("10.0.0.2", 80, 1, true, b)));
        VirtualServer vs = pool.build(spec);
        vs.start();
        pool.firstChecks();
        pool.probe(a).fail();
        pool.failThroughRetries();
        pool.output.clear();
        vs.stop();
        // 10.0.0.2 is alive and still in IPVS (inhibited, weight 0); nothing else was in the pool
        assertThat(pool.output.fifoLines()).containsExactly("RS [10.0.0.2]:tcp:80 [192.168.201.15]:tcp:80 DOWN",
                "VS [192.168.201.15]:tcp:80 DOWN");
    }

    @Test
    void rsInitNotifiesReportsServersThatStartUp() {
        VirtualServerSpec spec = new VirtualServerSpec(Pool.vip("192.168.201.15", 80), 1, 0, false, false, true,
                Optional.empty(), List.of(rs("10.0.0.1", 80, 1, false, a), rs("10.0.0.2", 80, 1, false,
                tcp("10.0.0.2", 80, true))));
        pool.build(spec).start();
        assertThat(pool.output.fifoLines()).containsExactly("RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 UP",
                "VS [192.168.201.15]:tcp:80 UP");
    }

    @Test
    void haSuspendPausesTheCheckers() {
        VirtualServerSpec spec = new VirtualServerSpec(Pool.vip("192.168.201.15", 80), 1, 0, false, true, false,
                Optional.empty(), List.of(rs("10.0.0.1", 80, 1, false, a)));
        VirtualServer vs = pool.build(spec);
        vs.setHaSuspended(true);
        vs.start();
        pool.probe(a).fail();
        pool.clock.advanceSeconds(60);
        assertThat(pool.probe(a).calls()).isEmpty();
        assertThat(vs.realServers().get(0).alive()).isTrue();
        vs.setHaSuspended(false);
        pool.cycle();
        assertThat(pool.probe(a).calls()).hasSize(1);
        assertThat(vs.realServers().get(0).alive()).isFalse();
    }

    @Test
    void destinationsComeBeforeTheNotificationsOfTheSameChange() {
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 1, false, a)));
        vs.start();
        pool.firstChecks();
        pool.output.clear();
        pool.probe(a).fail();
        pool.failThroughRetries();
        assertThat(pool.output.events).hasSize(3);
        assertThat(pool.output.events.get(0)).isInstanceOf(DesiredDestinations.class);
        assertThat(pool.output.fifoLines()).containsExactly("RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 DOWN",
                "VS [192.168.201.15]:tcp:80 DOWN");
    }

    @Test
    void fifoLinesForIpv6AndFirewallMarkServices() {
        Notification.RealServerChanged v6 = new Notification.RealServerChanged(
                new ServiceAddress.Endpoint(Pool.ip("2001:db8::15"), 80, Protocol.TCP), Pool.ip("2001:db8:0:0:1:0:0:1"),
                8080, true, "ok", false);
        assertThat(v6.fifoLine()).isEqualTo("RS [2001:db8::1:0:0:1]:tcp:8080 [2001:db8::15]:tcp:80 UP");
        Notification.QuorumChanged fwm = new Notification.QuorumChanged(new ServiceAddress.FirewallMark(1,
                Protocol.TCP), false, false, false, 1, 0, 1, 0);
        assertThat(fwm.fifoLine()).isEqualTo("VS FWM 1 DOWN");
        assertThat(new Notification.QuorumChanged(new ServiceAddress.Group("VSG_1", 0, Protocol.UDP), true, false,
                false, 1, 0, 1, 1).fifoLine()).isEqualTo("VS [VSG_1]:0 UP");
    }

    @Test
    void sorryServerWithItsOwnForwardingMethod() {
        VirtualServer vs = pool.build(vs(5, 0, Optional.of(new dev.holdfast.healthcheck.spec.SorryServerSpec(
                Pool.ip("10.9.9.9"), 80, ForwardingMethod.DR, false)), rs("10.0.0.1", 80, 1, false, a)));
        vs.start();
        assertThat(pool.output.lastDestinations().destinations()).singleElement()
                .extracting(Destination::forwarding).isEqualTo(ForwardingMethod.DR);
    }
}
