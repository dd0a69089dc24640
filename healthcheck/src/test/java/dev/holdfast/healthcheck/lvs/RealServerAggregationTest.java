package dev.holdfast.healthcheck.lvs;

import static dev.holdfast.healthcheck.lvs.Pool.rs;
import static dev.holdfast.healthcheck.lvs.Pool.tcp;
import static dev.holdfast.healthcheck.lvs.Pool.vs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checkers rolling up into a real server (inventory D.2 items 6 and 8). */
class RealServerAggregationTest {
    private final Pool pool = new Pool();

    @Test
    void aServerWithoutCheckersIsAlwaysUp() {
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 3, false)));
        vs.start();
        pool.clock.advanceSeconds(600);
        assertThat(pool.weights()).isEqualTo(Map.of("10.0.0.1:80", 3L));
        assertThat(vs.realServers().get(0).alive()).isTrue();
        assertThat(vs.quorumUp()).isTrue();
    }

    @Test
    void goesDownWithTheFirstFailingCheckerAndUpOnlyWhenTheLastRecovers() {
        TcpCheckSpec a = tcp("10.0.0.1", 80, false);
        TcpCheckSpec b = tcp("10.0.0.1", 443, false);
        TcpCheckSpec c = tcp("10.0.0.1", 22, false);
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 1, false, a, b, c),
                rs("10.0.0.2", 80, 1, false)));
        vs.start();
        pool.firstChecks();
        pool.output.clear();
        RealServer server = vs.realServers().get(0);

        pool.probe(a).fail();
        pool.failThroughRetries();
        assertThat(server.alive()).isFalse();
        assertThat(server.failedCheckers()).isEqualTo(1);
        pool.probe(b).fail();
        pool.failThroughRetries();
        assertThat(server.failedCheckers()).isEqualTo(2);

        pool.probe(a).pass();
        pool.cycle();
        assertThat(server.alive()).as("b still fails").isFalse();
        pool.probe(c).fail();
        pool.failThroughRetries();
        pool.probe(b).pass();
        pool.cycle();
        assertThat(server.alive()).as("c still fails").isFalse();
        pool.probe(c).pass();
        pool.cycle();
        assertThat(server.alive()).isTrue();
        assertThat(server.failedCheckers()).isZero();

        // one DOWN and one UP for the server, however many checkers moved
        assertThat(pool.output.fifoLines()).containsExactly(
                "RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 DOWN",
                "RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 UP");
    }

    @Test
    void downNotificationCarriesTheFailingCheckersReason() {
        TcpCheckSpec a = tcp("10.0.0.1", 80, false);
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 1, false, a)));
        vs.start();
        pool.firstChecks();
        pool.probe(a).fail("TCP connect to 10.0.0.1:80: connection refused");
        pool.failThroughRetries();
        assertThat(pool.output.notifications()).filteredOn(Notification.RealServerChanged.class::isInstance)
                .singleElement().isEqualTo(new Notification.RealServerChanged(vs.service(), Pool.ip("10.0.0.1"), 80, false,
                        "TCP connect to 10.0.0.1:80: connection refused", false));
    }

    @Test
    void effectiveWeightIsConfiguredWeightPlusDynamicContributions() {
        TcpCheckSpec misc = tcp("10.0.0.1", 1, false);
        TcpCheckSpec file = tcp("10.0.0.1", 2, false);
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 10, false, misc, file)));
        vs.start();
        pool.firstChecks();
        pool.probe(misc).pass(5);
        pool.probe(file).pass(-3);
        pool.cycle();
        assertThat(vs.realServers().get(0).effectiveWeight()).isEqualTo(12);
        assertThat(pool.weights()).isEqualTo(Map.of("10.0.0.1:80", 12L));
        assertThat(vs.liveWeight()).isEqualTo(12);
    }

    @Test
    void effectiveWeightIsClampedToZeroAndInt32Max() {
        TcpCheckSpec low = tcp("10.0.0.1", 1, false);
        TcpCheckSpec high = tcp("10.0.0.2", 1, false);
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 10, false, low),
                rs("10.0.0.2", 80, Integer.MAX_VALUE, false, high)));
        vs.start();
        pool.firstChecks();
        pool.probe(low).pass(-25);
        pool.probe(high).pass(1000);
        pool.cycle();
        assertThat(vs.realServers().get(0).effectiveWeight()).isEqualTo(-15);
        assertThat(pool.weights()).containsEntry("10.0.0.1:80", 0L)
                .containsEntry("10.0.0.2:80", (long) Integer.MAX_VALUE);
        assertThat(vs.liveWeight()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aDynamicWeightChangeCanMoveTheQuorum() {
        TcpCheckSpec misc = tcp("10.0.0.1", 1, false);
        VirtualServer vs = pool.build(vs(5, 0, Optional.empty(), rs("10.0.0.1", 80, 5, false, misc)));
        vs.start();
        pool.firstChecks();
        assertThat(vs.quorumUp()).isTrue();
        pool.probe(misc).pass(-2);
        pool.cycle();
        assertThat(vs.quorumUp()).isFalse();
        assertThat(pool.output.fifoLines()).containsExactly("VS [192.168.201.15]:tcp:80 UP",
                "VS [192.168.201.15]:tcp:80 DOWN");
    }

    @Test
    void aFailedCheckerDropsItsWeightContribution() {
        TcpCheckSpec misc = tcp("10.0.0.1", 1, false);
        RealServerSpec spec = rs("10.0.0.1", 80, 10, true, misc);
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), spec));
        vs.start();
        pool.firstChecks();
        pool.probe(misc).pass(7);
        pool.cycle();
        pool.probe(misc).fail();
        pool.failThroughRetries();
        assertThat(vs.realServers().get(0).effectiveWeight()).isEqualTo(10);
        pool.probe(misc).pass();
        pool.cycle();
        assertThat(pool.weights()).isEqualTo(Map.of("10.0.0.1:80", 10L));
    }
}
