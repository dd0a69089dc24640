package dev.holdfast.vrrp.state;

import static dev.holdfast.vrrp.state.Harness.GROUP;
import static dev.holdfast.vrrp.state.Harness.HIGHER_PEER;
import static dev.holdfast.vrrp.state.Harness.LOWER_PEER;
import static dev.holdfast.vrrp.state.Harness.VIPS;
import static dev.holdfast.vrrp.state.Harness.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.vrrp.packet.AdvertTestData;
import dev.holdfast.vrrp.packet.DecodeError;
import dev.holdfast.vrrp.packet.ReceivedAdvert;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The checks that need the instance: VRID, VIP list, unicast peers, AH replay. */
class AdvertChecksTest {

    private static DecodeError ignored(Harness h) {
        List<Action> actions = h.take();
        assertThat(actions).singleElement().isInstanceOf(Action.AdvertIgnored.class);
        return ((Action.AdvertIgnored) actions.get(0)).reason();
    }

    @Test
    void otherVridIsNotOurs() {
        Harness h = Harness.started(Harness.v2());
        h.take();
        h.receive(AdvertTestData.v2(52, 200, 1, VIPS), HIGHER_PEER);
        assertThat(ignored(h)).isEqualTo(DecodeError.UNKNOWN_VRID);
    }

    @Test
    void vipCountAndVipsMustMatch() {
        Harness h = Harness.started(Harness.v2());
        h.take();
        h.receive(AdvertTestData.v2(51, 200, 1, List.of(ip("10.0.0.100"))), HIGHER_PEER);
        assertThat(ignored(h)).isEqualTo(DecodeError.ADDR_COUNT_MISMATCH);
        h.receive(AdvertTestData.v2(51, 200, 1, List.of(ip("10.0.0.100"), ip("10.0.0.102"))), HIGHER_PEER);
        assertThat(ignored(h)).isEqualTo(DecodeError.VIP_MISMATCH);
        // order does not matter
        h.receive(AdvertTestData.v2(51, 200, 1, List.of(VIPS.get(1), VIPS.get(0))), HIGHER_PEER);
        assertThat(h.take()).isEmpty();
    }

    @Test
    void skipCheckAdvAddrChecksOnlyAMastersFirstAdvert() {
        Harness h = Harness.started(Harness.v2().skipCheckAdvAddr(true));
        h.take();
        h.receive(AdvertTestData.v2(51, 200, 1, List.of(ip("10.9.9.9"), ip("10.9.9.8"))), HIGHER_PEER);
        assertThat(ignored(h)).isEqualTo(DecodeError.VIP_MISMATCH);
        h.receive(200, HIGHER_PEER);
        assertThat(h.take()).isEmpty();
        h.receive(AdvertTestData.v2(51, 200, 1, List.of(ip("10.9.9.9"), ip("10.9.9.8"))), HIGHER_PEER);
        assertThat(h.take()).isEmpty();
        h.receive(AdvertTestData.v2(51, 200, 1, List.of(ip("10.9.9.9"), ip("10.9.9.8"))), LOWER_PEER);
        assertThat(ignored(h)).isEqualTo(DecodeError.VIP_MISMATCH);
    }

    @Test
    void checkUnicastSrcRefusesStrangers() {
        Harness h = Harness.started(Harness.v2().unicastPeers(List.of(HIGHER_PEER), true));
        h.take();
        h.receive(new ReceivedAdvert(AdvertTestData.v2(51, 200, 1, VIPS), LOWER_PEER, Harness.SELF, 64,
                OptionalLong.empty()));
        assertThat(ignored(h)).isEqualTo(DecodeError.UNKNOWN_UNICAST_SOURCE);
        h.receive(new ReceivedAdvert(AdvertTestData.v2(51, 200, 1, VIPS), HIGHER_PEER, Harness.SELF, 64,
                OptionalLong.empty()));
        assertThat(h.take()).isEmpty();
    }

    @Test
    void ahSequenceNumbersMustIncreasePerSender() {
        Harness h = Harness.started(Harness.v2());
        h.take();
        h.receive(AdvertTestData.received(AdvertTestData.v2(51, 200, 1, VIPS), HIGHER_PEER, GROUP,
                OptionalLong.of(5)));
        assertThat(h.take()).isEmpty();
        h.receive(AdvertTestData.received(AdvertTestData.v2(51, 200, 1, VIPS), HIGHER_PEER, GROUP,
                OptionalLong.of(5)));
        assertThat(ignored(h)).isEqualTo(DecodeError.AH_REPLAY);
        h.receive(AdvertTestData.received(AdvertTestData.v2(51, 200, 1, VIPS), LOWER_PEER, GROUP,
                OptionalLong.of(1)));
        assertThat(h.take()).isEmpty();
        h.receive(AdvertTestData.received(AdvertTestData.v2(51, 200, 1, VIPS), HIGHER_PEER, GROUP,
                OptionalLong.of(0)));
        assertThat(ignored(h)).isEqualTo(DecodeError.AH_REPLAY);
    }

    @Test
    void ignoredAdvertsDoNotResetTheMasterDownTimer() {
        Harness h = Harness.started(Harness.v2());
        for (int i = 0; i < 3; i++) {
            h.clock.advanceMillis(1000);
            h.receive(AdvertTestData.v2(51, 200, 1, List.of()), HIGHER_PEER);
        }
        h.clock.advanceMillis(700);
        assertThat(h.state()).isEqualTo(VrrpState.MASTER);
    }
}
