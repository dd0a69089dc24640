package dev.holdfast.vrrp.state;

import static dev.holdfast.vrrp.state.Harness.HIGHER_PEER;
import static dev.holdfast.vrrp.state.Harness.VIPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.vrrp.packet.DecodeError;
import org.junit.jupiter.api.Test;

/** FAULT from trackers and STOP (keepalived down_instance, try_up_instance, shutdown). */
class FaultStopTest {

    @Test
    void masterGoingToFaultSendsPriorityZeroAndDropsVips() {
        Harness h = Harness.started(Harness.v2().priority(255).initialState(VrrpState.MASTER));
        h.take();
        h.instance.handle(new Event.TrackerDown("eth0"));
        assertThat(h.take()).containsExactly(
                new Action.SendAdvert(0),
                new Action.RemoveVips(VIPS),
                new Action.StateChanged(VrrpState.MASTER, VrrpState.FAULT, 255));
        h.clock.advanceMillis(10_000);
        assertThat(h.take()).isEmpty();
        assertThat(h.clock.pending()).isZero();
    }

    @Test
    void faultLastsWhileAnyTrackerIsDown() {
        Harness h = Harness.started(Harness.v2().priority(100));
        h.take();
        h.instance.handle(new Event.TrackerDown("eth0"));
        h.instance.handle(new Event.TrackerDown("chk_haproxy"));
        assertThat(h.take()).containsExactly(new Action.StateChanged(VrrpState.BACKUP, VrrpState.FAULT, 100));
        h.instance.handle(new Event.TrackerUp("eth0"));
        assertThat(h.state()).isEqualTo(VrrpState.FAULT);
        h.instance.handle(new Event.TrackerUp("chk_haproxy"));
        assertThat(h.take()).containsExactly(new Action.StateChanged(VrrpState.FAULT, VrrpState.BACKUP, 100));
        // back in BACKUP with a fresh master-down timer
        h.clock.advanceMicros(3_609_374);
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        h.clock.advanceMicros(1);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void trackerDownBeforeStartMeansStartingInFault() {
        Harness h = new Harness(Harness.v2().build());
        h.instance.handle(new Event.TrackerDown("eth0"));
        h.instance.handle(new Event.Start());
        assertThat(h.take()).containsExactly(new Action.StateChanged(VrrpState.INIT, VrrpState.FAULT, 100));
    }

    @Test
    void faultIgnoresAdverts() {
        Harness h = Harness.started(Harness.v2());
        h.instance.handle(new Event.TrackerDown("eth0"));
        h.take();
        h.receive(200, HIGHER_PEER);
        assertThat(h.take()).singleElement().isInstanceOfSatisfying(Action.AdvertIgnored.class,
                a -> assertThat(a.reason()).isEqualTo(DecodeError.NOT_LISTENING));
    }

    @Test
    void stoppingMasterSendsPriorityZero() {
        Harness h = Harness.started(Harness.v2().priority(255).initialState(VrrpState.MASTER));
        h.take();
        h.instance.handle(new Event.Stop());
        assertThat(h.take()).containsExactly(
                new Action.SendAdvert(0),
                new Action.RemoveVips(VIPS),
                new Action.StateChanged(VrrpState.MASTER, VrrpState.STOP, 255));
        assertThat(h.clock.pending()).isZero();
        h.instance.handle(new Event.Stop());
        h.instance.handle(new Event.TrackerUp("x"));
        assertThat(h.take()).isEmpty();
    }

    @Test
    void stoppingBackupSendsNothing() {
        Harness h = Harness.started(Harness.v2());
        h.take();
        h.instance.handle(new Event.Stop());
        assertThat(h.take()).containsExactly(new Action.StateChanged(VrrpState.BACKUP, VrrpState.STOP, 100));
        h.clock.advanceMillis(10_000);
        assertThat(h.take()).isEmpty();
    }
}
