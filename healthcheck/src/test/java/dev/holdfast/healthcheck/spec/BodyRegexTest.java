package dev.holdfast.healthcheck.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BodyRegexTest {
    private static final byte[] BODY = "<html>status: OK\nversion 2.1</html>".getBytes(StandardCharsets.ISO_8859_1);

    private static BodyRegex regex(String pattern, boolean noMatch, Set<String> options, long min, OptionalLong max) {
        return new BodyRegex(pattern, noMatch, options, min, max);
    }

    @Test
    void matchesAnywhereByDefaultAndInvertsWithNoMatch() {
        assertThat(regex("status: (OK|WARN)", false, Set.of(), 0, OptionalLong.empty()).passes(BODY)).isTrue();
        assertThat(regex("status: FAIL", false, Set.of(), 0, OptionalLong.empty()).passes(BODY)).isFalse();
        assertThat(regex("status: FAIL", true, Set.of(), 0, OptionalLong.empty()).passes(BODY)).isTrue();
        assertThat(regex("status: OK", true, Set.of(), 0, OptionalLong.empty()).passes(BODY)).isFalse();
    }

    @Test
    void optionsMapToJavaFlags() {
        assertThat(regex("STATUS: ok", false, Set.of("caseless"), 0, OptionalLong.empty()).passes(BODY)).isTrue();
        assertThat(regex("^version", false, Set.of(), 0, OptionalLong.empty()).passes(BODY)).isFalse();
        assertThat(regex("^version", false, Set.of("multiline"), 0, OptionalLong.empty()).passes(BODY)).isTrue();
        assertThatThrownBy(() -> regex("x", false, Set.of("ungreedy"), 0, OptionalLong.empty()))
                .hasMessageContaining("ungreedy");
    }

    @Test
    void theMatchMustStartWithinTheOffsets() {
        assertThat(regex("status", false, Set.of(), 6, OptionalLong.of(6)).passes(BODY)).isTrue();
        assertThat(regex("status", false, Set.of(), 7, OptionalLong.empty()).passes(BODY)).isFalse();
        assertThat(regex("version", false, Set.of(), 0, OptionalLong.of(10)).passes(BODY)).isFalse();
        assertThat(regex("status", false, Set.of(), 1000, OptionalLong.empty()).passes(BODY)).isFalse();
    }

    @Test
    void anInvalidPatternIsRefusedUpFront() {
        assertThatThrownBy(() -> regex("(unclosed", false, Set.of(), 0, OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid regex");
    }
}
