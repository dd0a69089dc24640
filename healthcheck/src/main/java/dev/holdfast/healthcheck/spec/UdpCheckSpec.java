package dev.holdfast.healthcheck.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * UDP_CHECK: send one datagram. Without require_reply, silence until connect_timeout is a pass and only an ICMP
 * unreachable fails; with it, a reply must arrive in time and, if a pattern is given, match it and have a length
 * within min..max.
 *
 * @param payload      payload bytes; empty means keepalived's 32 arbitrary bytes
 * @param requireReply require_reply given (with or without a pattern)
 * @param replyPattern require_reply's hex pattern, if any
 */
public record UdpCheckSpec(CheckPolicy policy, Connection connection, Optional<HexPattern> payload,
                           boolean requireReply, Optional<HexPattern> replyPattern, int minReplyLength,
                           int maxReplyLength) implements ScheduledCheckSpec {
    public UdpCheckSpec {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(replyPattern, "replyPattern");
        if (replyPattern.isPresent() && !requireReply) {
            throw new IllegalArgumentException("a reply pattern needs require_reply");
        }
        if (minReplyLength < 0 || maxReplyLength > 65535 || minReplyLength > maxReplyLength) {
            throw new IllegalArgumentException("reply lengths must satisfy 0 <= min <= max <= 65535");
        }
    }

    @Override
    public String type() {
        return "UDP_CHECK";
    }
}
