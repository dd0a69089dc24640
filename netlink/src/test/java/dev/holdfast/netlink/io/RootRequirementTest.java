package dev.holdfast.netlink.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.netlink.io.RootRequirement.Decision;
import org.junit.jupiter.api.Test;

class RootRequirementTest {
    @Test
    void rootTestsRunAsRootSkipOtherwiseButNeverSkipUnderCi() {
        assertThat(RootRequirement.decide(true, null)).isEqualTo(Decision.RUN);
        assertThat(RootRequirement.decide(true, "true")).isEqualTo(Decision.RUN);
        assertThat(RootRequirement.decide(false, null)).isEqualTo(Decision.SKIP);
        assertThat(RootRequirement.decide(false, "false")).isEqualTo(Decision.SKIP);
        assertThat(RootRequirement.decide(false, "true")).isEqualTo(Decision.FAIL);
    }
}
