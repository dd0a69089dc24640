package dev.holdfast.config.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;

/** A keepalived TIMER: seconds with microsecond resolution. */
public record Seconds(long micros) implements Comparable<Seconds> {
    public static Seconds of(long seconds) {
        return new Seconds(seconds * 1_000_000L);
    }

    public static Seconds ofMicros(long micros) {
        return new Seconds(micros);
    }

    public long millis() {
        return micros / 1000;
    }

    @JsonValue
    public BigDecimal json() {
        BigDecimal d = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    @Override
    public int compareTo(Seconds o) {
        return Long.compare(micros, o.micros);
    }

    @Override
    public String toString() {
        return json().toPlainString() + "s";
    }
}
