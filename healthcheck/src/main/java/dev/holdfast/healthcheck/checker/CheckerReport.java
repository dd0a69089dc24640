package dev.holdfast.healthcheck.checker;

import java.util.Objects;

/**
 * What a checker tells its real server after a result that matters.
 *
 * @param up     the checker's state after this result
 * @param weight the checker's current weight contribution
 * @param reason why: the probe's reason for this result
 */
public record CheckerReport(Kind kind, boolean up, long weight, String reason) {

    public CheckerReport {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public enum Kind {
        /** The checker went up or down. */
        TRANSITION,
        /**
         * The first result confirmed the starting state (an alpha checker that fails, or a non-alpha one that
         * passes); keepalived still runs the real server's notify for a confirmed failure.
         */
        FIRST_RESULT,
        /** Only the weight contribution changed. */
        WEIGHT
    }
}
