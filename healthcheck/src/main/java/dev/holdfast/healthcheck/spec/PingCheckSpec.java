package dev.holdfast.healthcheck.spec;

import java.util.Objects;

/** PING_CHECK: an ICMP echo to the connection's address must be answered within connect_timeout. */
public record PingCheckSpec(CheckPolicy policy, Connection connection) implements ScheduledCheckSpec {
    public PingCheckSpec {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(connection, "connection");
    }

    @Override
    public String type() {
        return "PING_CHECK";
    }
}
