package dev.holdfast.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A sync-group member waits for the others before it takes over, and follows them (fake clock). */
class SyncGateTest {

    @Test
    void aRefusedMemberWantsMasterAndWaitsAnotherDownInterval() {
        boolean[] allowed = {false};
        Harness h = new Harness(Harness.v2().priority(100).build(), m -> allowed[0]);
        h.instance.handle(new Event.Start());
        Duration down = h.instance.masterDownInterval();
        h.clock.advance(down.plusMillis(1));
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(h.instance.wantsMaster()).isTrue();
        allowed[0] = true;
        h.clock.advance(down.plusMillis(1));
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
        assertThat(h.instance.wantsMaster()).isFalse();
    }

    @Test
    void anAdvertFromALiveMasterEndsTheWish() {
        Harness h = new Harness(Harness.v2().priority(100).build(), m -> false);
        h.instance.handle(new Event.Start());
        h.clock.advance(h.instance.masterDownInterval().plusMillis(1));
        assertThat(h.instance.wantsMaster()).isTrue();
        h.receive(h.advert(150, Harness.HIGHER_PEER));
        assertThat(h.instance.wantsMaster()).isFalse();
    }

    @Test
    void syncMasterAndSyncBackupMoveTheMember() {
        Harness h = Harness.started(Harness.v2().priority(100));
        h.instance.handle(new Event.SyncMaster());
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
        assertThat(h.actions).anyMatch(a -> a instanceof Action.AddVips);
        h.instance.handle(new Event.SyncBackup());
        assertThat(h.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(h.actions).anyMatch(a -> a instanceof Action.RemoveVips);
        // a FAULT member does not follow
        h.instance.handle(new Event.TrackerDown("x"));
        h.instance.handle(new Event.SyncMaster());
        assertThat(h.state()).isEqualTo(VrrpState.FAULT);
    }
}
