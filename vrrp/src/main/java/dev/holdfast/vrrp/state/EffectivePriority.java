package dev.holdfast.vrrp.state;

/**
 * keepalived's priority from trackers: base plus the weights of the trackers currently contributing, clamped
 * to [1, 254] so a tracker can neither make an instance the address owner nor stop it advertising. The
 * owner (255) keeps 255 whatever the trackers say.
 */
public final class EffectivePriority {
    public static final int OWNER = 255;

    private EffectivePriority() {
    }

    public static int of(int basePriority, int weightSum) {
        if (basePriority == OWNER) {
            return OWNER;
        }
        long total = (long) basePriority + weightSum;
        if (total < 1) {
            return 1;
        }
        if (total >= OWNER) {
            return OWNER - 1;
        }
        return (int) total;
    }
}
