package dev.holdfast.healthcheck.spec;

import java.util.Objects;

/** TCP_CHECK: passes when a TCP connection completes within connect_timeout; no data is exchanged. */
public record TcpCheckSpec(CheckPolicy policy, Connection connection) implements ScheduledCheckSpec {
    public TcpCheckSpec {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(connection, "connection");
    }

    @Override
    public String type() {
        return "TCP_CHECK";
    }
}
