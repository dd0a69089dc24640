package dev.holdfast.vrrp.state;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class EffectivePriorityTest {

    @Test
    void baseplusWeightsClampedToOneAnd254() {
        assertThat(EffectivePriority.of(100, 20)).isEqualTo(120);
        assertThat(EffectivePriority.of(100, -20)).isEqualTo(80);
        assertThat(EffectivePriority.of(100, 200)).isEqualTo(254);
        assertThat(EffectivePriority.of(100, -200)).isEqualTo(1);
        assertThat(EffectivePriority.of(254, 0)).isEqualTo(254);
    }

    @Test
    void ownerIgnoresTrackers() {
        assertThat(EffectivePriority.of(255, -100)).isEqualTo(255);
        assertThat(EffectivePriority.of(255, 100)).isEqualTo(255);
    }

    @Property
    void nonOwnersStayWithin1And254(@ForAll @IntRange(min = 1, max = 254) int base, @ForAll int weights) {
        assertThat(EffectivePriority.of(base, weights)).isBetween(1, 254);
    }
}
