package dev.holdfast.vrrp.state;

import static dev.holdfast.vrrp.state.Harness.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.vrrp.packet.VrrpVersion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived's vrrp_complete_instance resets and vrrp_strict (inventory E.9). */
class InstanceCompletionTest {

    @Test
    void strictModeForcesItsSettings() {
        InstanceConfig c = Harness.v2().priority(100).strict(true).downTimerAdverts(5)
                .higherPrioSendAdvert(true).garpLowerPrio(3, Duration.ofSeconds(2))
                .preemptDelay(Duration.ofSeconds(10)).initialState(VrrpState.MASTER).build();
        InstanceCompletion.Completed done = InstanceCompletion.complete(c, true);
        assertThat(done.usable()).isTrue();
        InstanceConfig s = done.config();
        assertThat(s.initialState()).isEqualTo(VrrpState.BACKUP); // MASTER only for the owner
        assertThat(s.downTimerAdverts()).isEqualTo(3);
        assertThat(s.higherPrioSendAdvert()).isFalse();
        assertThat(s.lowerPrioNoAdvert()).isTrue();
        assertThat(s.garpLowerPrioRepeat()).isZero();
        assertThat(s.preemptDelay()).isZero();
        assertThat(done.warnings()).anyMatch(w -> w.contains("does not support authentication"));
    }

    @Test
    void strictOwnerIgnoresAdvertsAndStartsAsMaster() {
        InstanceConfig s = InstanceCompletion.complete(Harness.v2().priority(255).strict(true).build(), false)
                .config();
        assertThat(s.ownerIgnoreAdverts()).isTrue();
        assertThat(s.initialState()).isEqualTo(VrrpState.MASTER);
    }

    @Test
    void strictModeRefusesNoVipsAndUnicast() {
        assertThat(InstanceCompletion.complete(Harness.v2().vips(List.of()).strict(true).build(), false).usable())
                .isFalse();
        assertThat(InstanceCompletion.complete(Harness.v2().vips(List.of()).build(), false).usable()).isTrue();
        assertThat(InstanceCompletion.complete(Harness.v3().vips(List.of()).build(), false).usable()).isFalse();
        assertThat(InstanceCompletion.complete(
                Harness.v2().unicastPeers(List.of(ip("10.0.0.9")), false).strict(true).build(), false).usable())
                .isFalse();
    }

    @Test
    void firstIpv6VipMustBeLinkLocalInStrictMode() {
        InstanceConfig c = InstanceConfig.builder("VI_6", VrrpVersion.V3, 7, ip("fe80::1"))
                .vips(List.of(ip("2001:db8::1"), ip("fe80::7"))).strict(true).build();
        assertThat(InstanceCompletion.complete(c, false).warnings())
                .anyMatch(w -> w.contains("first IPv6 VIP address must be link local"));
    }

    @Test
    void masterStateAndOwnerClearNopreemptAndPreemptDelay() {
        InstanceCompletion.Completed owner = InstanceCompletion.complete(
                Harness.v2().priority(255).nopreempt(true).build(), false);
        assertThat(owner.config().nopreempt()).isFalse();

        InstanceCompletion.Completed master = InstanceCompletion.complete(Harness.v2().initialState(VrrpState.MASTER)
                .nopreempt(true).preemptDelay(Duration.ofSeconds(5)).build(), false);
        assertThat(master.config().nopreempt()).isFalse();
        assertThat(master.config().preemptDelay()).isZero();

        InstanceCompletion.Completed both = InstanceCompletion.complete(Harness.v2().nopreempt(true)
                .preemptDelay(Duration.ofSeconds(5)).build(), false);
        assertThat(both.config().nopreempt()).isTrue();
        assertThat(both.config().preemptDelay()).isZero();
    }

    @Test
    void ownerIgnoreAdvertsOnlyForTheOwner() {
        InstanceConfig c = InstanceCompletion.complete(Harness.v2().ownerIgnoreAdverts(true).build(), false).config();
        assertThat(c.ownerIgnoreAdverts()).isFalse();
    }
}
