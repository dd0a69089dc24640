package dev.holdfast.netlink.io;

/**
 * One netlink request before framing: the socket adds the nlmsghdr with a fresh sequence number.
 *
 * @param description what the request does, in the words an error message should use
 *                    (e.g. "add service TCP 10.0.0.1:80")
 * @param type nlmsg_type (the generic netlink family id for genl requests)
 * @param flags nlmsg_flags beyond NLM_F_REQUEST / NLM_F_ACK / NLM_F_DUMP, which the socket sets itself
 * @param payload everything after the nlmsghdr, e.g. from {@link dev.holdfast.netlink.PayloadWriter}
 */
public record Request(String description, int type, int flags, byte[] payload) {
    public Request {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    int payloadLength() {
        return payload.length;
    }
}
