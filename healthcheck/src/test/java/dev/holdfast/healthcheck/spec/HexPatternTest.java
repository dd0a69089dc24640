package dev.holdfast.healthcheck.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** keepalived's read_hex_str notation and check_udp_reply comparison. */
class HexPatternTest {

    @Test
    void parsesPairsGroupsAndLoneDigits() {
        assertThat(HexPattern.parse("0102 ab", false)).isEqualTo(new HexPattern("0102ab", "000000"));
        assertThat(HexPattern.parse("1 2 3", false).data()).isEqualTo("010203");
        assertThat(HexPattern.parse("DEADbeef", false).data()).isEqualTo("deadbeef");
    }

    @Test
    void xIsAWildcardNibbleOnlyWhereAllowed() {
        assertThat(HexPattern.parse("1X X2", true)).isEqualTo(new HexPattern("1002", "0ff0"));
        assertThatThrownBy(() -> HexPattern.parse("1X", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HexPattern.parse("zz", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HexPattern.parse("  ", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparesOnlyTheShorterLengthAndIgnoresWildcards() {
        HexPattern pattern = HexPattern.parse("01X3 ff", true);
        assertThat(pattern.matches(HexFormat.of().parseHex("01a3ff"))).isTrue();
        assertThat(pattern.matches(HexFormat.of().parseHex("0123"))).isTrue();
        assertThat(pattern.matches(HexFormat.of().parseHex("01a3ffee"))).isTrue();
        assertThat(pattern.matches(HexFormat.of().parseHex("01a4ff"))).isFalse();
        assertThat(pattern.matches(new byte[0])).isTrue();
    }
}
