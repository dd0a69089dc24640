package dev.holdfast.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.vrrp.packet.VrrpVersion;
import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void v2SkewIsAFractionOfOneSecondWhateverTheInterval() {
        // RFC 3768: Skew_Time = (256 - Priority) / 256 seconds
        assertThat(Timing.skewMicros(VrrpVersion.V2, 256 - 100, 100)).isEqualTo(609_375);
        assertThat(Timing.skewMicros(VrrpVersion.V2, 256 - 100, 500)).isEqualTo(609_375);
        assertThat(Timing.skewMicros(VrrpVersion.V2, 256 - 255, 100)).isEqualTo(3_906);
    }

    @Test
    void v3SkewScalesWithTheMasterInterval() {
        // RFC 5798: ((256 - Priority) * Master_Adver_Interval) / 256, centiseconds -> microseconds
        assertThat(Timing.skewMicros(VrrpVersion.V3, 256 - 100, 100)).isEqualTo(609_375);
        assertThat(Timing.skewMicros(VrrpVersion.V3, 256 - 200, 50)).isEqualTo(109_375);
        assertThat(Timing.skewMicros(VrrpVersion.V3, 256 - 100, 1)).isEqualTo(6_093); // integer division, as keepalived
    }

    @Test
    void masterDownIsDownTimerAdvertsIntervalsPlusSkew() {
        assertThat(Timing.masterDownMicros(VrrpVersion.V2, 3, 100, 100)).isEqualTo(3_609_375);
        assertThat(Timing.masterDownMicros(VrrpVersion.V2, 5, 200, 100)).isEqualTo(10_609_375);
        assertThat(Timing.masterDownMicros(VrrpVersion.V3, 3, 50, 200)).isEqualTo(1_609_375);
    }
}
