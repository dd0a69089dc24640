package dev.holdfast.healthcheck.checker;

import java.util.random.RandomGenerator;

/** A random source that always answers the same fraction of the asked bound, so warmup is predictable. */
public record FixedRandom(double fraction) implements RandomGenerator {

    @Override
    public long nextLong() {
        return 0;
    }

    @Override
    public long nextLong(long bound) {
        return (long) ((bound - 1) * fraction);
    }
}
