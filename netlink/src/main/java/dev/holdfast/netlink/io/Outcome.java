package dev.holdfast.netlink.io;

import dev.holdfast.netlink.NetlinkException;
import dev.holdfast.netlink.NetlinkMessage;
import java.util.List;
import java.util.Optional;

/**
 * How one request of a pipelined batch ended: acknowledged (with any data replies) or failed with the
 * kernel's reason.
 */
public record Outcome(Request request, List<NetlinkMessage> replies, Optional<NetlinkException> error) {
    public Outcome {
        replies = List.copyOf(replies);
    }

    public static Outcome success(Request request, List<NetlinkMessage> replies) {
        return new Outcome(request, replies, Optional.empty());
    }

    public static Outcome failure(Request request, NetlinkException error) {
        return new Outcome(request, List.of(), Optional.of(error));
    }

    public boolean ok() {
        return error.isEmpty();
    }
}
