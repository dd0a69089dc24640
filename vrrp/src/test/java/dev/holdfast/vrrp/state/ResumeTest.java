package dev.holdfast.vrrp.state;

import static dev.holdfast.vrrp.state.Harness.VIPS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A reload's two halves on a fake clock: the old instance falls silent, the new one resumes its state. */
class ResumeTest {

    @Test
    void handoverSilencesAMasterWithoutPriorityZeroOrVipRemoval() {
        Harness h = Harness.started(Harness.v2().priority(255).initialState(VrrpState.MASTER));
        h.take();
        h.instance.handle(new Event.Handover());
        assertThat(h.take()).as("no advert, no VIP change, no state change to notify").isEmpty();
        assertThat(h.state()).isEqualTo(VrrpState.STOP);
        assertThat(h.clock.pending()).as("no timer left to fire").isZero();
        h.instance.handle(new Event.Stop());
        assertThat(h.take()).as("a later shutdown has nothing left to do").isEmpty();
    }

    @Test
    void aResumedMasterAdvertisesAtOnceWithoutWaitingForTheDownTimer() {
        Harness h = new Harness(Harness.v2().priority(150).build());
        h.instance.resumeAs(VrrpState.MASTER);
        h.instance.handle(new Event.Start());
        assertThat(h.take()).startsWith(new Action.SendAdvert(150), new Action.AddVips(VIPS))
                .contains(new Action.StateChanged(VrrpState.INIT, VrrpState.MASTER, 150));
        h.clock.advanceMillis(1000);
        assertThat(h.take()).as("the next advert one interval later").contains(new Action.SendAdvert(150));
    }

    @Test
    void aResumedBackupWaitsTheFullMasterDownInterval() {
        Harness h = new Harness(Harness.v2().priority(100).initialState(VrrpState.MASTER).build());
        h.instance.resumeAs(VrrpState.BACKUP);
        h.instance.handle(new Event.Start());
        assertThat(h.take()).containsExactly(new Action.StateChanged(VrrpState.INIT, VrrpState.BACKUP, 100));
        // 3 x 1 s + skew (256 - 100) / 256 s, also for a `state MASTER` instance
        h.clock.advanceMicros(3_609_374);
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        h.clock.advanceMicros(1);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void aTrackerDownAtTheReloadStillMeansFault() {
        Harness h = new Harness(Harness.v2().priority(150).build());
        h.instance.resumeAs(VrrpState.MASTER);
        h.instance.handle(new Event.TrackerDown("chk_haproxy"));
        h.instance.handle(new Event.Start());
        assertThat(h.take()).containsExactly(new Action.StateChanged(VrrpState.INIT, VrrpState.FAULT, 150));
    }
}
