package dev.holdfast.config.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Times in seconds: "3", "0.5", ".25", "5." are read; anything else is not a time (null). */
class ParseMicrosProperties {
    private static final Pattern TIME = Pattern.compile("\\d{1,10}(\\.\\d*)?|\\.\\d+");

    @Provide
    Arbitrary<String> times() {
        return Arbitraries.strings().withChars("0123456789.x -+").ofMaxLength(14);
    }

    @Property(tries = 5000)
    void readsExactlyTheDecimalsUpToTenWholeDigits(@ForAll("times") String s) {
        Long micros = Values.parseMicros(s);
        if (!TIME.matcher(s).matches()) {
            assertThat(micros).isNull();
            return;
        }
        BigDecimal expected = new BigDecimal(s.endsWith(".") ? s + "0" : s).movePointRight(6)
                .setScale(0, java.math.RoundingMode.DOWN);
        assertThat(micros).isEqualTo(expected.longValueExact());
    }

    @Example
    void examples() {
        assertThat(Values.parseMicros("3")).isEqualTo(3_000_000L);
        assertThat(Values.parseMicros("0.5")).isEqualTo(500_000L);
        assertThat(Values.parseMicros(".25")).isEqualTo(250_000L);
        assertThat(Values.parseMicros("5.")).isEqualTo(5_000_000L);
        assertThat(Values.parseMicros("1.1234567")).isEqualTo(1_123_456L);
        assertThat(Values.parseMicros(".")).isNull();
        assertThat(Values.parseMicros("")).isNull();
        assertThat(Values.parseMicros("12345678901")).isNull();
        assertThat(Values.parseMicros("-1")).isNull();
    }
}
