package dev.holdfast.healthcheck.spec;

import java.util.Objects;

/**
 * SMTP_CHECK: greeting 220, {@code HELO <heloName>} answered by 250, then QUIT. keepalived's deprecated
 * {@code host {}} sub-blocks become one SmtpCheckSpec each.
 */
public record SmtpCheckSpec(CheckPolicy policy, Connection connection, String heloName) implements ScheduledCheckSpec {
    public SmtpCheckSpec {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(heloName, "heloName");
    }

    @Override
    public String type() {
        return "SMTP_CHECK";
    }
}
