package dev.holdfast.healthcheck.lvs;

import static dev.holdfast.healthcheck.lvs.Pool.rs;
import static dev.holdfast.healthcheck.lvs.Pool.sorry;
import static dev.holdfast.healthcheck.lvs.Pool.tcp;
import static dev.holdfast.healthcheck.lvs.Pool.vs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reload semantics (inventory D.13): what carries over from the previous configuration and what does not. */
class ReloadTest {
    private final Pool pool = new Pool();
    private final TcpCheckSpec a = tcp("10.0.0.1", 80, false);
    private final TcpCheckSpec b = tcp("10.0.0.2", 80, false);
    private final RealServerSpec one = rs("10.0.0.1", 80, 1, false, a);
    private final RealServerSpec two = rs("10.0.0.2", 80, 1, false, b);

    private VirtualServer reload(VirtualServer old, VirtualServerSpec spec) {
        VirtualServer next = pool.build(spec);
        next.takeOver(old);
        next.start();
        return next;
    }

    @Test
    void anUnchangedPoolReloadsWithoutChurn() {
        VirtualServerSpec spec = vs(1, 0, Optional.empty(), one, two);
        VirtualServer old = pool.build(spec);
        old.start();
        pool.firstChecks();
        pool.output.clear();
        VirtualServer next = reload(old, spec);
        pool.clock.advanceSeconds(60);
        assertThat(pool.output.events).isEmpty();
        assertThat(next.quorumUp()).isTrue();
    }

    @Test
    void aFailedServerIsNotReAddedByTheReloadButByItsNextSuccess() {
        VirtualServerSpec spec = vs(1, 0, Optional.empty(), one, two);
        VirtualServer old = pool.build(spec);
        old.start();
        pool.firstChecks();
        pool.probe(a).fail();
        pool.failThroughRetries();
        pool.output.clear();

        VirtualServer next = reload(old, spec);
        pool.clock.advanceSeconds(30);
        assertThat(next.realServers().get(0).alive()).isFalse();
        assertThat(pool.output.events).isEmpty();
        pool.probe(a).pass();
        pool.cycle();
        assertThat(pool.weights()).isEqualTo(Map.of("10.0.0.1:80", 1L, "10.0.0.2:80", 1L));
        assertThat(pool.output.fifoLines()).containsExactly("RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 UP");
    }

    @Test
    void aChangedTimingKeepsTheCheckerStateAndUsedRetries() {
        VirtualServer old = pool.build(vs(1, 0, Optional.empty(), one, two));
        old.start();
        pool.firstChecks();
        pool.probe(a).fail();
        pool.cycle(); // one retry used, still up
        TcpCheckSpec slower = new TcpCheckSpec(new CheckPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ZERO, false, Duration.ofSeconds(3)), a.connection());
        pool.output.clear();
        pool.alias(slower, a);
        VirtualServer next = reload(old, vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 1, false, slower), two));
        assertThat(next.realServers().get(0).alive()).isTrue();
        pool.firstChecks(); // the retry budget is spent: this failure is final
        assertThat(next.realServers().get(0).alive()).isFalse();
    }

    @Test
    void aServerWhoseFailingCheckerWasReplacedComesBackAtOnce() {
        VirtualServer old = pool.build(vs(1, 0, Optional.empty(), one, two));
        old.start();
        pool.firstChecks();
        pool.probe(a).fail();
        pool.failThroughRetries();
        pool.output.clear();
        TcpCheckSpec otherPort = tcp("10.0.0.1", 8080, false);
        VirtualServer next = reload(old, vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 1, false, otherPort), two));
        assertThat(next.realServers().get(0).alive()).isTrue();
        assertThat(pool.output.fifoLines()).containsExactly("RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 UP");
    }

    @Test
    void removedServersGoWithTheirNotifyDownAndNewOnesFollowAlpha() {
        VirtualServer old = pool.build(vs(1, 0, Optional.empty(), one, two));
        old.start();
        pool.firstChecks();
        pool.output.clear();
        TcpCheckSpec alphaCheck = tcp("10.0.0.3", 80, true);
        reload(old, vs(1, 0, Optional.empty(), one, rs("10.0.0.4", 80, 1, false),
                rs("10.0.0.3", 80, 1, false, alphaCheck)));
        assertThat(pool.weights()).isEqualTo(Map.of("10.0.0.1:80", 1L, "10.0.0.4:80", 1L));
        assertThat(pool.output.fifoLines()).containsExactly("RS [10.0.0.2]:tcp:80 [192.168.201.15]:tcp:80 DOWN");
        pool.probe(alphaCheck).pass();
        pool.firstChecks();
        assertThat(pool.weights()).containsEntry("10.0.0.3:80", 1L);
    }

    @Test
    void anActiveSorryServerStaysAndLeavesWithItsConfiguration() {
        VirtualServerSpec spec = vs(2, 0, sorry("10.9.9.9", 80, false), one, two);
        VirtualServer old = pool.build(spec);
        old.start();
        pool.firstChecks();
        pool.probe(a).fail();
        pool.failThroughRetries();
        assertThat(pool.weights()).isEqualTo(Map.of("10.9.9.9:80", 1L));
        pool.output.clear();
        VirtualServer kept = reload(old, spec);
        assertThat(kept.sorryServerActive()).isTrue();
        assertThat(pool.output.events).isEmpty();

        reload(kept, vs(2, 0, Optional.empty(), one, two));
        assertThat(pool.weights()).isEqualTo(Map.of("10.0.0.2:80", 1L));
    }

    @Test
    void aVirtualServerLeavingTheConfigurationIsRemovedWithItsNotifications() {
        VirtualServer old = pool.build(vs(1, 0, Optional.empty(), one, two));
        old.start();
        pool.firstChecks();
        pool.output.clear();
        old.remove();
        assertThat(pool.output.events.get(0)).isEqualTo(new DesiredDestinations(old.service(), false, List.of()));
        assertThat(pool.output.fifoLines()).containsExactly("RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 DOWN",
                "RS [10.0.0.2]:tcp:80 [192.168.201.15]:tcp:80 DOWN", "VS [192.168.201.15]:tcp:80 DOWN");
    }

    @Test
    void probesAreComparedWithoutTheirTiming() {
        TcpCheckSpec slower = new TcpCheckSpec(new CheckPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(5), true, Duration.ofSeconds(9)), a.connection());
        assertThat(RealServer.sameProbe(a, slower)).isTrue();
        assertThat(RealServer.sameProbe(a, b)).isFalse();
    }
}
