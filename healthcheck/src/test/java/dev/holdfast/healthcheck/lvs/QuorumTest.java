package dev.holdfast.healthcheck.lvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class QuorumTest {
    private final Quorum sample = new Quorum(7, 2);

    @Test
    void aDownServiceNeedsQuorumPlusHysteresis() {
        assertThat(sample.threshold(false)).isEqualTo(9);
        assertThat(sample.gained(false, 8)).isFalse();
        assertThat(sample.gained(false, 9)).isTrue();
    }

    @Test
    void anUpServiceHoldsUntilBelowQuorumMinusHysteresis() {
        assertThat(sample.threshold(true)).isEqualTo(5);
        assertThat(sample.lost(true, 5)).isFalse();
        assertThat(sample.lost(true, 4)).isTrue();
    }

    @Test
    void zeroLiveWeightAlwaysLosesTheQuorum() {
        assertThat(new Quorum(1, 0).lost(true, 0)).isTrue();
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> new Quorum(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Quorum(3, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void theStateNeverFlapsInsideTheHysteresisBand(@ForAll @LongRange(min = 1, max = 1000) long quorum,
                                                   @ForAll @LongRange(min = 0, max = 999) long hysteresis,
                                                   @ForAll @LongRange(min = 0, max = 3000) long weight) {
        if (hysteresis >= quorum) {
            return;
        }
        Quorum q = new Quorum(quorum, hysteresis);
        boolean insideBand = weight >= quorum - hysteresis && weight < quorum + hysteresis && weight > 0;
        if (insideBand) {
            assertThat(q.next(true, weight)).isTrue();
            assertThat(q.next(false, weight)).isFalse();
        }
        if (weight >= quorum + hysteresis) {
            assertThat(q.next(false, weight)).isTrue();
        }
    }
}
