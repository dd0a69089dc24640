package dev.holdfast.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** struct nlmsghdr: the 16-byte header in front of every netlink message, in native byte order. */
public record NlMsgHeader(int length, int type, int flags, int sequence, int portId) {
    public static final int SIZE = NetlinkConstants.NLMSG_HDRLEN;

    /** Reads a header at the buffer's position and advances past it. */
    public static NlMsgHeader read(ByteBuffer in) {
        if (in.remaining() < SIZE) {
            throw new NetlinkDecodeException("truncated netlink header: " + in.remaining() + " of " + SIZE + " bytes");
        }
        ByteBuffer b = in.slice().order(ByteOrder.nativeOrder());
        in.position(in.position() + SIZE);
        return new NlMsgHeader(b.getInt(0), Short.toUnsignedInt(b.getShort(4)), Short.toUnsignedInt(b.getShort(6)),
                b.getInt(8), b.getInt(12));
    }

    public void write(ByteBuffer out) {
        ByteBuffer b = out.order(ByteOrder.nativeOrder());
        b.putInt(length).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(portId);
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) == flag;
    }
}
