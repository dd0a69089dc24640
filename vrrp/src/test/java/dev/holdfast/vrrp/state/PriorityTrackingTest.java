package dev.holdfast.vrrp.state;

import static dev.holdfast.vrrp.state.Harness.HIGHER_PEER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Weighted trackers (keepalived vrrp_set_effective_priority). */
class PriorityTrackingTest {

    @Test
    void weightsChangeTheAdvertisedPriority() {
        Harness h = Harness.started(Harness.v2().priority(100).initialState(VrrpState.MASTER));
        h.clock.advanceMillis(3700);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
        h.take();
        h.instance.handle(new Event.WeightsChanged(-30));
        assertThat(h.take()).containsExactly(new Action.PriorityChanged(100, 70));
        h.clock.advanceMillis(1000);
        assertThat(h.take()).containsExactly(new Action.SendAdvert(70));
    }

    @Test
    void clampedToOneAnd254() {
        Harness h = Harness.started(Harness.v2().priority(100));
        h.instance.handle(new Event.WeightsChanged(500));
        assertThat(h.instance.effectivePriority()).isEqualTo(254);
        h.instance.handle(new Event.WeightsChanged(-500));
        assertThat(h.instance.effectivePriority()).isEqualTo(1);
    }

    @Test
    void ownerPriorityIsNotTracked() {
        Harness h = Harness.started(Harness.v2().priority(255).initialState(VrrpState.MASTER));
        h.take();
        h.instance.handle(new Event.WeightsChanged(-100));
        assertThat(h.instance.effectivePriority()).isEqualTo(255);
        assertThat(h.take()).isEmpty();
    }

    @Test
    void backupTimerMovesByTheChangeInSkew() {
        Harness h = Harness.started(Harness.v2().priority(100));
        h.clock.advanceMillis(1000);
        // prio 100 -> 228: skew 156/256 s -> 28/256 s, the deadline moves 0.5 s earlier
        h.instance.handle(new Event.WeightsChanged(128));
        assertThat(h.instance.masterDownInterval()).isEqualTo(Duration.ofNanos(3_109_375_000L));
        h.clock.advanceMicros(2_109_374);
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        h.clock.advanceMicros(1);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void raisedPriorityPreemptsALowerMaster() {
        Harness h = Harness.started(Harness.v2().priority(100));
        h.clock.advanceMillis(500);
        h.receive(150, HIGHER_PEER);
        h.instance.handle(new Event.WeightsChanged(100)); // now 200
        h.clock.advanceMillis(1000);
        h.receive(150, HIGHER_PEER); // lower than us now: discarded
        h.clock.advanceMillis(3000);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
    }
}
