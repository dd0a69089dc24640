package dev.holdfast.netlink;

import java.nio.ByteBuffer;

/** struct genlmsghdr: command and family version, 4 bytes after the nlmsghdr of a generic netlink message. */
public record GenlHeader(int command, int version) {
    public static final int SIZE = NetlinkConstants.GENL_HDRLEN;

    public static GenlHeader read(ByteBuffer in) {
        if (in.remaining() < SIZE) {
            throw new NetlinkDecodeException("truncated generic netlink header: " + in.remaining() + " of " + SIZE + " bytes");
        }
        int command = Byte.toUnsignedInt(in.get());
        int version = Byte.toUnsignedInt(in.get());
        in.getShort(); // reserved
        return new GenlHeader(command, version);
    }
}
