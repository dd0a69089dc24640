package dev.holdfast.vrrp.packet;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Per-kind counters of rejected packets, safe to bump from the receive thread and read from metrics. */
public final class RejectCounts {
    private final LongAdder[] counts = new LongAdder[DecodeError.values().length];

    public RejectCounts() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void count(DecodeError error) {
        counts[error.ordinal()].increment();
    }

    /** Counts a decoder result if it is a rejection; returns whether it was. */
    public boolean countIfRejected(DecodeResult result) {
        if (result instanceof DecodeResult.Rejected r) {
            count(r.error());
            return true;
        }
        return false;
    }

    public long get(DecodeError error) {
        return counts[error.ordinal()].sum();
    }

    public long total() {
        long sum = 0;
        for (LongAdder c : counts) {
            sum += c.sum();
        }
        return sum;
    }

    /** The non-zero counters. */
    public Map<DecodeError, Long> snapshot() {
        Map<DecodeError, Long> map = new EnumMap<>(DecodeError.class);
        for (DecodeError e : DecodeError.values()) {
            long v = get(e);
            if (v != 0) {
                map.put(e, v);
            }
        }
        return map;
    }
}
