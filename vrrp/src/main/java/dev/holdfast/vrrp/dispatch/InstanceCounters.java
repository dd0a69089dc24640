package dev.holdfast.vrrp.dispatch;

import dev.holdfast.vrrp.packet.DecodeError;
import dev.holdfast.vrrp.packet.RejectCounts;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One instance's counters (keepalived's per-instance statistics): adverts sent and received, packets for
 * its VRID refused by kind (by the decoder: TTL, authentication, checksum, ...; or by the instance: interval,
 * VIP list, ...), state transitions and when the last one happened. Safe to bump from the VRRP threads and
 * read from anywhere.
 */
public final class InstanceCounters {
    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder transitions = new LongAdder();
    private final RejectCounts rejects = new RejectCounts();
    private volatile Instant lastTransition;

    public void advertSent() {
        sent.increment();
    }

    public void advertReceived() {
        received.increment();
    }

    public void rejected(DecodeError error) {
        rejects.count(error);
    }

    public void transition(Instant at) {
        transitions.increment();
        lastTransition = at;
    }

    public long sent() {
        return sent.sum();
    }

    public long received() {
        return received.sum();
    }

    public long transitions() {
        return transitions.sum();
    }

    /** When the instance last changed state; null before its first transition. */
    public Instant lastTransition() {
        return lastTransition;
    }

    /** The non-zero refusal counters, by kind. */
    public Map<DecodeError, Long> rejects() {
        return rejects.snapshot();
    }
}
