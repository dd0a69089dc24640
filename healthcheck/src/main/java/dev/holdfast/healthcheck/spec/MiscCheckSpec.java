package dev.holdfast.healthcheck.spec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * MISC_CHECK: run a program; exit 0 passes, 1 fails, and 2..255 pass with weight {@code status - 2} under
 * misc_dynamic (fail without it).
 *
 * @param command the program and its arguments, already split from misc_path's quoting
 * @param timeout misc_timeout: the program is terminated and the check fails after this long
 * @param dynamic misc_dynamic
 * @param runAs   the configured user (checker's {@code user}, else script_user); empty: keepalived's default,
 *                {@value RunAs#DEFAULT_USER} when that user exists, else the daemon's own user
 */
public record MiscCheckSpec(CheckPolicy policy, List<String> command, Duration timeout, boolean dynamic,
                            Optional<RunAs> runAs) implements ScheduledCheckSpec {
    /** A program run with keepalived's default user. */
    public MiscCheckSpec(CheckPolicy policy, List<String> command, Duration timeout, boolean dynamic) {
        this(policy, command, timeout, dynamic, Optional.empty());
    }

    public MiscCheckSpec {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(runAs, "runAs");
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
