package dev.holdfast.healthcheck.checker;

import java.util.Objects;

/**
 * The outcome of one probe, always with the reason an operator would want to read, e.g.
 * "TCP connect to 10.0.0.5:80: connection refused".
 */
public sealed interface CheckResult {

    String reason();

    static Passed passed(String reason) {
        return new Passed(reason, 0);
    }

    static Failed failed(String reason) {
        return new Failed(reason);
    }

    /**
     * The check passed.
     *
     * @param weight this checker's contribution to the real server's weight (MISC_CHECK misc_dynamic,
     *               FILE_CHECK); 0 for checkers that do not steer weight
     */
    record Passed(String reason, long weight) implements CheckResult {
        public Passed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Failed(String reason) implements CheckResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
