package dev.holdfast.vrrp.state;

import static dev.holdfast.vrrp.state.Harness.HIGHER_PEER;
import static dev.holdfast.vrrp.state.Harness.LOWER_PEER;
import static dev.holdfast.vrrp.state.Harness.VIPS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** INIT -> BACKUP -> MASTER: master-down timer, preemption, priority 0 (keepalived vrrp_state_backup). */
class StartAndBackupTest {

    @Test
    void startsInBackupAndTakesOverAfterTheMasterDownInterval() {
        Harness h = Harness.started(Harness.v2().priority(100));
        assertThat(h.take()).containsExactly(new Action.StateChanged(VrrpState.INIT, VrrpState.BACKUP, 100));
        assertThat(h.instance.masterDownInterval()).isEqualTo(Duration.ofNanos(3_609_375_000L));

        h.clock.advanceMicros(3_609_374);
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        h.clock.advanceMicros(1);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
        assertThat(h.take()).containsExactly(
                new Action.SendAdvert(100),
                new Action.AddVips(VIPS),
                new Action.SendGarp(5),
                new Action.StateChanged(VrrpState.BACKUP, VrrpState.MASTER, 100));
    }

    @Test
    void stateMasterWaitsTheWholeMasterDownIntervalAsKeepalived227Does() {
        Harness h = Harness.started(Harness.v2().priority(150).initialState(VrrpState.MASTER));
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        // keepalived 2.2.7 in a namespace, state MASTER, priority 100: "Entering BACKUP STATE (init)", then MASTER
        // 3.56 s later - 3 x 1 s + skew, as for state BACKUP; here priority 150: 3 s + 106/256 s
        h.clock.advanceMicros(3_414_061);
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        h.clock.advanceMicros(1);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void addressOwnerStartingAsMasterTakesOverAtOnce() {
        Harness h = Harness.started(Harness.v2().priority(255).initialState(VrrpState.MASTER));
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
        assertThat(h.take()).containsExactly(
                new Action.SendAdvert(255),
                new Action.AddVips(VIPS),
                new Action.SendGarp(5),
                new Action.StateChanged(VrrpState.INIT, VrrpState.MASTER, 255));
    }

    @Test
    void advertsFromAnEqualOrHigherMasterKeepTheBackupDown() {
        Harness h = Harness.started(Harness.v2().priority(100));
        for (int i = 0; i < 10; i++) {
            h.clock.advanceMillis(1000);
            h.receive(i % 2 == 0 ? 100 : 200, HIGHER_PEER);
        }
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(h.instance.lastMasterSource()).isEqualTo(HIGHER_PEER);
        assertThat(h.instance.lastMasterPriority()).isEqualTo(200);
    }

    @Test
    void lowerPriorityMasterIsPreemptedWhenItsAdvertsDoNotResetTheTimer() {
        Harness h = Harness.started(Harness.v2().priority(100));
        h.clock.advanceMillis(1000);
        h.receive(50, LOWER_PEER);
        h.clock.advanceMillis(1000);
        h.receive(50, LOWER_PEER);
        h.clock.advanceMillis(1000);
        h.receive(50, LOWER_PEER);
        // still the first deadline: 3.609375 s after start
        h.clock.advanceMicros(609_375);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void nopreemptNeverPreemptsALiveMaster() {
        Harness h = Harness.started(Harness.v2().priority(200).nopreempt(true));
        for (int i = 0; i < 20; i++) {
            h.clock.advanceMillis(1000);
            h.receive(50, LOWER_PEER);
        }
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        h.clock.advanceMillis(3_300); // 3 + (256-200)/256 s ~= 3.22 s after the last advert
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void preemptDelayHoldsOffPreemptionUntilItHasPassed() {
        Harness h = Harness.started(Harness.v2().priority(200).preemptDelay(Duration.ofSeconds(10)));
        // the lower master keeps us down while the delay runs (from its first advert)
        for (int i = 0; i < 10; i++) {
            h.clock.advanceMillis(1000);
            h.receive(50, LOWER_PEER);
            assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        }
        // 10 s after the first advert the delay has passed: the next advert is discarded ...
        h.clock.advanceMillis(1000);
        h.receive(50, LOWER_PEER);
        h.clock.advanceMillis(1000);
        h.receive(50, LOWER_PEER);
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        // ... and the master-down timer set by the last accepted advert runs out
        h.clock.advanceMillis(1300);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void preemptDelayIsResetByAHigherMaster() {
        Harness h = Harness.started(Harness.v2().priority(200).preemptDelay(Duration.ofSeconds(5)));
        h.clock.advanceMillis(1000);
        h.receive(50, LOWER_PEER);
        h.clock.advanceMillis(1000);
        h.receive(250, HIGHER_PEER); // cancels the pending preemption
        for (int i = 0; i < 5; i++) {
            h.clock.advanceMillis(1000);
            h.receive(50, LOWER_PEER); // restarts the delay at the first of these
        }
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void priorityZeroAdvertMeansTakeOverAfterTheSkewOnly() {
        Harness h = Harness.started(Harness.v2().priority(100));
        h.clock.advanceMillis(1000);
        h.receive(200, HIGHER_PEER);
        h.clock.advanceMillis(500);
        h.receive(0, HIGHER_PEER);
        h.clock.advanceMicros(609_374);
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        h.clock.advanceMicros(1);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void v3BackupAdoptsTheMastersInterval() {
        Harness h = Harness.started(Harness.v3().priority(100).advertIntervalCentis(100));
        h.receive(dev.holdfast.vrrp.packet.AdvertTestData.v3(51, 200, 50, VIPS), HIGHER_PEER);
        assertThat(h.instance.masterIntervalCentis()).isEqualTo(50);
        // 3 x 0.5 s + (156 x 0.5 s)/256
        assertThat(h.instance.masterDownInterval()).isEqualTo(Duration.ofNanos(1_804_687_000L));
        assertThat(h.take()).doesNotHaveAnyElementsOfTypes(Action.AdvertIgnored.class);
        h.clock.advanceMicros(1_804_687);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
        // as master it advertises at its own interval again
        assertThat(h.instance.masterIntervalCentis()).isEqualTo(100);
    }

    @Test
    void v2DropsAdvertsWithAnotherInterval() {
        Harness h = Harness.started(Harness.v2().priority(100));
        h.take();
        h.receive(dev.holdfast.vrrp.packet.AdvertTestData.v2(51, 200, 2, VIPS), HIGHER_PEER);
        assertThat(h.take()).singleElement().isInstanceOfSatisfying(Action.AdvertIgnored.class,
                a -> assertThat(a.reason()).isEqualTo(dev.holdfast.vrrp.packet.DecodeError.INTERVAL_MISMATCH));
        // the dropped advert did not reset the timer
        h.clock.advanceMicros(3_609_375);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void downTimerAdvertsScalesTheMasterDownInterval() {
        Harness h = Harness.started(Harness.v2().priority(100).downTimerAdverts(5));
        h.clock.advanceMicros(5_609_374);
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        h.clock.advanceMicros(1);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
    }
}
