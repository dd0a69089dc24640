package dev.holdfast.healthcheck.spec;

import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/** The status_code set of an HTTP_GET url: single codes and inclusive ranges within 100..599. */
public record StatusCodes(List<Range> ranges) {

    /** keepalived's value when a url has no status_code line; exposed for the config module to choose. */
    public static final StatusCodes ANY_2XX = new StatusCodes(List.of(new Range(200, 299)));

    public StatusCodes {
        ranges = List.copyOf(Objects.requireNonNull(ranges, "ranges"));
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("status_code needs at least one code");
        }
    }

    public static StatusCodes of(int... codes) {
        return new StatusCodes(java.util.Arrays.stream(codes).mapToObj(c -> new Range(c, c)).toList());
    }

    public boolean contains(int code) {
        for (Range range : ranges) {
            if (code >= range.first() && code <= range.last()) {
                return true;
            }
        }
        return false;
    }

    /** The codes as a set, for callers that test many codes. */
    public BitSet asBitSet() {
        BitSet set = new BitSet(600);
        ranges.forEach(r -> set.set(r.first(), r.last() + 1));
        return set;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Range range : ranges) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(range);
        }
        return text.toString();
    }

    public record Range(int first, int last) {
        public Range {
            if (first < 100 || last > 599 || first > last) {
                throw new IllegalArgumentException("status code range must lie within 100..599: " + first + "-" + last);
            }
        }

        @Override
        public String toString() {
            return first == last ? Integer.toString(first) : first + "-" + last;
        }
    }
}
