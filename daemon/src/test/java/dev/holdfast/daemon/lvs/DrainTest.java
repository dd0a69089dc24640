package dev.holdfast.daemon.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.DestinationKey;
import dev.holdfast.ipvs.Forwarding;
import dev.holdfast.ipvs.Operation;
import dev.holdfast.ipvs.Protocol;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.ipvs.Stats;
import dev.holdfast.ipvs.kernel.DestinationStatus;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrainTest {
    private final MutableClock clock = new MutableClock();
    private final Drain drain = new Drain(clock, Duration.ofSeconds(60));
    private final ServiceKey vs = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.1"), 80);
    private final Destination rs1 = Destination.of(ip("10.0.2.11"), 80, Forwarding.NAT, 3);
    private final Destination rs2 = Destination.of(ip("10.0.2.12"), 80, Forwarding.NAT, 1);

    @Test
    void aRemovedRealServerIsQuiescedNotDeleted() {
        drain.destination(vs, rs1.key());
        List<Operation> plan = List.of(new Operation.DeleteDestination(vs, rs1.key()),
                new Operation.DeleteDestination(vs, rs2.key()));
        List<Operation> out = drain.rewrite(plan, Map.of(new Drain.Ref(vs, rs1.key()), rs1));
        assertThat(out).containsExactly(new Operation.EditDestination(vs, Drain.quiesced(rs1)),
                new Operation.DeleteDestination(vs, rs2.key()));
        assertThat(Drain.quiesced(rs1).weight()).isZero();
    }

    @Test
    void alreadyAtWeightZeroNothingIsSent() {
        drain.destination(vs, rs1.key());
        List<Operation> out = drain.rewrite(List.of(new Operation.DeleteDestination(vs, rs1.key())),
                Map.of(new Drain.Ref(vs, rs1.key()), Drain.quiesced(rs1)));
        assertThat(out).isEmpty();
    }

    @Test
    void deletedWhenTheLastActiveConnectionEnds() {
        drain.destination(vs, rs1.key());
        assertThat(drain.tick(Map.of(ref(rs1), status(rs1, 2)))).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        List<Drain.Done> done = drain.tick(Map.of(ref(rs1), status(rs1, 0)));
        assertThat(done).containsExactly(new Drain.Done(ref(rs1), 0, false));
        assertThat(drain.isEmpty()).isTrue();
    }

    @Test
    void deletedAtTheDeadlineWithConnectionsStillOpen() {
        drain.destination(vs, rs1.key());
        clock.advance(Duration.ofSeconds(59));
        assertThat(drain.tick(Map.of(ref(rs1), status(rs1, 5)))).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(drain.tick(Map.of(ref(rs1), status(rs1, 5)))).containsExactly(new Drain.Done(ref(rs1), 5, true));
    }

    @Test
    void goneFromTheKernelIsForgotten() {
        drain.destination(vs, rs1.key());
        assertThat(drain.tick(Map.of())).isEmpty();
        assertThat(drain.draining(vs, rs1.key())).isFalse();
    }

    @Test
    void aReloadThatBringsItBackStopsTheDrain() {
        drain.destination(vs, rs1.key());
        drain.restore(vs, rs1.key());
        assertThat(drain.rewrite(List.of(new Operation.DeleteDestination(vs, rs1.key())), Map.of()))
                .containsExactly(new Operation.DeleteDestination(vs, rs1.key()));
    }

    @Test
    void aRetiringServiceGoesWhenItsLastDestinationIs() {
        drain.service(vs);
        drain.destination(vs, rs1.key());
        drain.destination(vs, rs2.key());
        assertThat(drain.emptyServices()).isEmpty();
        drain.tick(Map.of(ref(rs1), status(rs1, 0), ref(rs2), status(rs2, 1)));
        assertThat(drain.emptyServices()).isEmpty();
        drain.tick(Map.of(ref(rs2), status(rs2, 0)));
        assertThat(drain.emptyServices()).containsExactly(vs);
        assertThat(drain.isEmpty()).isTrue();
    }

    @Test
    void theDeadlineIsSetOnceNotMovedByASecondReload() {
        drain.destination(vs, rs1.key());
        clock.advance(Duration.ofSeconds(50));
        drain.destination(vs, rs1.key());
        clock.advance(Duration.ofSeconds(10));
        assertThat(drain.tick(Map.of(ref(rs1), status(rs1, 1)))).hasSize(1);
    }

    private Drain.Ref ref(Destination d) {
        return new Drain.Ref(vs, d.key());
    }

    private static DestinationStatus status(Destination d, long active) {
        return new DestinationStatus(Drain.quiesced(d), active, 0, 0, Stats.ZERO);
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
