package dev.holdfast.netlink.io;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One netlink request before framing: the socket adds the nlmsghdr with a fresh sequence number.
 *
 * <p>Its description (what the request does, in the words an error message should use, e.g. "add service TCP
 * 10.0.0.1:80") may be given as a supplier, asked only when a message needs it: a large apply sends tens of thousands
 * of requests and describes only the few the kernel refuses.
 */
public final class Request {
    private final Supplier<String> description;
    private final int type;
    private final int flags;
    private final byte[] payload;

    /**
     * @param description what the request does, for error messages
     * @param type nlmsg_type (the generic netlink family id for genl requests)
     * @param flags nlmsg_flags beyond NLM_F_REQUEST / NLM_F_ACK / NLM_F_DUMP, which the socket sets itself
     * @param payload everything after the nlmsghdr, e.g. from {@link dev.holdfast.netlink.PayloadWriter}
     */
    public Request(String description, int type, int flags, byte[] payload) {
        this(constant(Objects.requireNonNull(description, "description")), type, flags, payload.clone());
    }

    private Request(Supplier<String> description, int type, int flags, byte[] payload) {
        this.description = description;
        this.type = type;
        this.flags = flags;
        this.payload = payload;
    }

    /** A request described only when a message needs it; the payload is taken as it is (not copied). */
    public static Request describedLater(Supplier<String> description, int type, int flags, byte[] payload) {
        return new Request(Objects.requireNonNull(description, "description"), type, flags, payload);
    }

    private static Supplier<String> constant(String text) {
        return () -> text;
    }

    public String description() {
        return description.get();
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public byte[] payload() {
        return payload.clone();
    }

    int payloadLength() {
        return payload.length;
    }

    /** The payload itself, for the socket that frames it (never handed out). */
    byte[] payloadBytes() {
        return payload;
    }

    @Override
    public String toString() {
        return "Request[" + description() + ", type " + type + ", " + payload.length + " bytes]";
    }
}
