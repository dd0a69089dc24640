package dev.holdfast.healthcheck.spec;

import java.util.Objects;

/**
 * FILE_CHECK: follow a track_file's number. With weight 0 a non-zero value is a failure (a zero value with
 * reverse); otherwise {@code value * weight} (negated with reverse) is added to the real server's weight and a
 * result at or below -2^31 is a failure. No timers, no retries, never alpha.
 *
 * @param file the track_file name, as the daemon reports changes for it
 */
public record FileCheckSpec(String file, long weight, boolean reverse) implements CheckerSpec {
    public FileCheckSpec {
        Objects.requireNonNull(file, "file");
        if (weight < -Integer.MAX_VALUE || weight > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("weight out of range -2147483647..2147483647: " + weight);
        }
    }

    @Override
    public String type() {
        return "FILE_CHECK";
    }
}
