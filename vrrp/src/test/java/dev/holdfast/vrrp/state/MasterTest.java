package dev.holdfast.vrrp.state;

import static dev.holdfast.vrrp.state.Harness.HIGHER_PEER;
import static dev.holdfast.vrrp.state.Harness.LOWER_PEER;
import static dev.holdfast.vrrp.state.Harness.SELF;
import static dev.holdfast.vrrp.state.Harness.VIPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.vrrp.packet.AdvertTestData;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** MASTER behaviour (keepalived vrrp_state_master_rx / vrrp_state_master_tx). */
class MasterTest {

    private static Harness master(InstanceConfig.Builder b) {
        Harness h = Harness.started(b.initialState(VrrpState.MASTER));
        // nobody else advertises: MASTER after the master-down interval
        h.clock.advanceMicros(h.instance.masterDownInterval().toNanos() / 1000 + 1);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
        h.take();
        return h;
    }

    @Test
    void masterAdvertisesEveryInterval() {
        Harness h = master(Harness.v3().priority(150).advertIntervalCentis(50));
        h.clock.advanceMillis(5000);
        // 10 adverts at 0.5 s, and the second GARP burst garp_master_delay (5 s) after becoming master
        assertThat(h.take()).filteredOn(a -> a instanceof Action.SendAdvert).hasSize(10)
                .containsOnly(new Action.SendAdvert(150));
    }

    @Test
    void garpsAreRepeatedAfterGarpMasterDelay() {
        Harness h = Harness.started(Harness.v2().priority(255).initialState(VrrpState.MASTER)
                .garpMaster(3, Duration.ofSeconds(5)));
        h.take();
        h.clock.advanceMillis(5000);
        assertThat(h.take()).contains(new Action.SendGarp(3));
    }

    @Test
    void garpMasterRefreshRepeatsWhileMasterAndStopsOnLeaving() {
        Harness h = Harness.started(Harness.v2().priority(255).initialState(VrrpState.MASTER)
                .garpMaster(1, Duration.ZERO).garpMasterRefresh(Duration.ofSeconds(10), 2));
        h.take();
        h.clock.advanceMillis(25_000);
        assertThat(h.take()).filteredOn(a -> a instanceof Action.SendGarp).containsExactly(new Action.SendGarp(2),
                new Action.SendGarp(2));
        h.instance.handle(new Event.Stop());
        h.take();
        h.clock.advanceMillis(30_000);
        assertThat(h.take()).isEmpty();
    }

    @Test
    void higherPriorityAdvertSendsMasterToBackupWithoutAnAdvert() {
        Harness h = master(Harness.v2().priority(100));
        h.receive(200, HIGHER_PEER);
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(h.take()).containsExactly(
                new Action.RemoveVips(VIPS),
                new Action.StateChanged(VrrpState.MASTER, VrrpState.BACKUP, 100));
        // and as backup it waits the full master-down interval for the new master
        h.clock.advanceMicros(3_609_374);
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void higherPrioSendAdvertAnnouncesItselfBeforeYielding() {
        Harness h = master(Harness.v2().priority(100).higherPrioSendAdvert(true));
        h.receive(200, HIGHER_PEER);
        assertThat(h.take()).containsExactly(
                new Action.SendAdvert(100),
                new Action.RemoveVips(VIPS),
                new Action.StateChanged(VrrpState.MASTER, VrrpState.BACKUP, 100));
    }

    @Test
    void equalPriorityIsWonByTheHigherPrimaryAddress() {
        Harness h = master(Harness.v2().priority(100));
        h.receive(100, LOWER_PEER);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
        assertThat(h.take()).contains(new Action.SendAdvert(100));

        h.receive(100, HIGHER_PEER);
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void equalPriorityFromOurOwnAddressChangesNothing() {
        Harness h = master(Harness.v2().priority(100));
        h.receive(100, SELF);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
        assertThat(h.take()).isEmpty();
    }

    @Test
    void lowerPriorityAdvertForcesANewElection() {
        Harness h = master(Harness.v2().priority(100));
        h.receive(50, LOWER_PEER);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
        assertThat(h.take()).containsExactly(
                new Action.SendAdvert(100),
                new Action.MasterReceivedLowerPriority(LOWER_PEER, 50));
    }

    @Test
    void lowerPrioNoAdvertStaysQuiet() {
        Harness h = master(Harness.v2().priority(100).lowerPrioNoAdvert(true));
        h.receive(50, LOWER_PEER);
        assertThat(h.take()).containsExactly(new Action.MasterReceivedLowerPriority(LOWER_PEER, 50));
    }

    @Test
    void lowerPriorityGarpsWhenConfigured() {
        Harness h = master(Harness.v2().priority(100).garpLowerPrio(2, Duration.ofSeconds(3)));
        h.receive(50, LOWER_PEER);
        assertThat(h.take()).containsExactly(
                new Action.SendAdvert(100),
                new Action.SendGarp(2),
                new Action.MasterReceivedLowerPriority(LOWER_PEER, 50));
        h.clock.advanceMillis(3000);
        assertThat(h.take()).contains(new Action.SendGarp(2));
    }

    @Test
    void priorityZeroIsAnsweredAtOnceAndMasterStays() {
        Harness h = master(Harness.v2().priority(100));
        h.clock.advanceMillis(300);
        h.receive(0, HIGHER_PEER);
        assertThat(h.take()).containsExactly(new Action.SendAdvert(100));
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
        // the advert timer restarted with that advert
        h.clock.advanceMillis(999);
        assertThat(h.take()).isEmpty();
        h.clock.advanceMillis(1);
        assertThat(h.take()).containsExactly(new Action.SendAdvert(100));
    }

    @Test
    void twoAddressOwnersBothStepDown() {
        Harness h = Harness.started(Harness.v2().priority(255).initialState(VrrpState.MASTER));
        h.take();
        h.receive(255, LOWER_PEER);
        assertThat(h.instance.effectivePriority()).isEqualTo(254);
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(h.take()).contains(new Action.PriorityChanged(255, 254));
    }

    @Test
    void v3MasterYieldingAdoptsTheNewMastersInterval() {
        Harness h = master(Harness.v3().priority(100).advertIntervalCentis(100));
        h.receive(AdvertTestData.v3(51, 200, 200, VIPS), HIGHER_PEER);
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(h.instance.masterIntervalCentis()).isEqualTo(200);
    }

    @Test
    void ownerIgnoreAdvertsDropsEverything() {
        Harness h = Harness.started(Harness.v2().priority(255).initialState(VrrpState.MASTER)
                .ownerIgnoreAdverts(true));
        h.take();
        h.receive(255, HIGHER_PEER);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
        assertThat(h.take()).singleElement().isInstanceOfSatisfying(Action.AdvertIgnored.class,
                a -> assertThat(a.reason()).isEqualTo(dev.holdfast.vrrp.packet.DecodeError.OWNER_IGNORES_ADVERTS));
    }
}
