package dev.holdfast.healthcheck.lvs;

/**
 * The quorum rule with hysteresis (update_quorum_state): a service that is down needs
 * {@code quorum + hysteresis} of live weight to come up, and one that is up stays up until the live weight is 0
 * or falls below {@code quorum - hysteresis}, so a pool wobbling around the quorum does not flap.
 */
public record Quorum(long quorum, long hysteresis) {

    public Quorum {
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be at least 1: " + quorum);
        }
        if (hysteresis < 0 || hysteresis >= quorum) {
            throw new IllegalArgumentException("hysteresis must lie within 0..quorum-1: " + hysteresis);
        }
    }

    /** The live weight that flips the state: quorum + hysteresis while down, quorum - hysteresis while up. */
    public long threshold(boolean up) {
        return up ? quorum - hysteresis : quorum + hysteresis;
    }

    public boolean gained(boolean up, long weightSum) {
        return !up && weightSum >= threshold(false);
    }

    public boolean lost(boolean up, long weightSum) {
        return up && (weightSum == 0 || weightSum < threshold(true));
    }

    /** The state after seeing {@code weightSum}. */
    public boolean next(boolean up, long weightSum) {
        return up ? !lost(true, weightSum) : gained(false, weightSum);
    }
}
