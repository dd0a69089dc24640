package dev.holdfast.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One netlink message: its header and the payload bytes after it (genl header, attributes, ...). */
public final class NetlinkMessage {
    private final NlMsgHeader header;
    private final byte[] payload;

    public NetlinkMessage(NlMsgHeader header, byte[] payload) {
        this.header = header;
        this.payload = payload.clone();
    }

    public NlMsgHeader header() {
        return header;
    }

    public int type() {
        return header.type();
    }

    public int sequence() {
        return header.sequence();
    }

    /** A read-only view of the payload in native byte order. */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    public boolean isError() {
        return header.type() == NetlinkConstants.NLMSG_ERROR;
    }

    public boolean isDone() {
        return header.type() == NetlinkConstants.NLMSG_DONE;
    }

    /** The payload read as a generic netlink message. */
    public GenlMessage genl() {
        ByteBuffer b = payload();
        GenlHeader genl = GenlHeader.read(b);
        return new GenlMessage(genl, Attributes.parse(b));
    }

    /** The ack or error this NLMSG_ERROR / NLMSG_DONE message carries. */
    public NetlinkAck ack() {
        return NetlinkAck.parse(this);
    }

    /**
     * Frames a payload: nlmsghdr with the given fields, the payload, and padding to 4 bytes. The length
     * field covers header and payload, not the trailing padding, as the kernel does.
     */
    public static byte[] frame(int type, int flags, int sequence, int portId, byte[] payload) {
        int length = NlMsgHeader.SIZE + payload.length;
        ByteBuffer b = ByteBuffer.allocate(NetlinkConstants.align(length)).order(ByteOrder.nativeOrder());
        new NlMsgHeader(length, type, flags, sequence, portId).write(b);
        b.put(payload);
        return b.array();
    }

    /**
     * Splits a received datagram into its messages. A length that cannot hold a header or runs past the
     * end is a decode error, whatever bytes follow.
     */
    public static List<NetlinkMessage> parseAll(ByteBuffer in) {
        ByteBuffer b = in.slice().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        while (b.remaining() > 0) {
            int start = b.position();
            NlMsgHeader h = NlMsgHeader.read(b);
            if (h.length() < NlMsgHeader.SIZE) {
                throw new NetlinkDecodeException("netlink message at offset " + start + " has impossible length "
                        + Integer.toUnsignedString(h.length()));
            }
            int payloadLength = h.length() - NlMsgHeader.SIZE;
            if (payloadLength > b.remaining()) {
                throw new NetlinkDecodeException("netlink message at offset " + start + " claims "
                        + Integer.toUnsignedString(h.length()) + " bytes, only " + (b.remaining() + NlMsgHeader.SIZE)
                        + " left (truncated)");
            }
            byte[] payload = new byte[payloadLength];
            b.get(payload);
            out.add(new NetlinkMessage(h, payload));
            b.position(Math.min(start + NetlinkConstants.align(h.length()), b.limit()));
        }
        in.position(in.limit());
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetlinkMessage m && m.header.equals(header) && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "NetlinkMessage[" + header + ", " + payload.length + " payload bytes]";
    }
}
