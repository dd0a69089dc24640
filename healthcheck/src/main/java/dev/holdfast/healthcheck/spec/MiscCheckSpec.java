package dev.holdfast.healthcheck.spec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * MISC_CHECK: run a program; exit 0 passes, 1 fails, and 2..255 pass with weight {@code status - 2} under
 * misc_dynamic (fail without it).
 *
 * @param command the program and its arguments, already split from misc_path's quoting
 * @param timeout misc_timeout: the program is terminated and the check fails after this long
 * @param dynamic misc_dynamic
 */
public record MiscCheckSpec(CheckPolicy policy, List<String> command, Duration timeout, boolean dynamic)
        implements ScheduledCheckSpec {
    public MiscCheckSpec {
        Objects.requireNonNull(policy, "policy");
        command = List.copyOf(Objects.requireNonNull(command, "command"));
        Objects.requireNonNull(timeout, "timeout");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("misc_path needs a program");
        }
    }

    @Override
    public String type() {
        return "MISC_CHECK";
    }
}
