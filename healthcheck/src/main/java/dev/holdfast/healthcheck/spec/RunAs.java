package dev.holdfast.healthcheck.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a MISC_CHECK program runs as: the checker's {@code user USER [GROUP]}, else global_defs' script_user.
 *
 * @param user  a user name (or number)
 * @param group a group name (or number); empty: the user's primary group
 */
public record RunAs(String user, Optional<String> group) {
    /** keepalived's default script user, used when it exists and nothing else is configured. */
    public static final String DEFAULT_USER = "keepalived_script";

    public RunAs {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("a script user needs a name");
        }
    }
}
