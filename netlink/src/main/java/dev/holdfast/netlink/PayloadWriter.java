package dev.holdfast.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the part of a netlink message after its nlmsghdr: an optional generic netlink header followed by
 * attributes, each padded to 4 bytes. Nests are opened and closed explicitly so their length can be
 * patched once their content is known.
 */
public final class PayloadWriter {
    private ByteBuffer buffer = ByteBuffer.allocate(128).order(ByteOrder.nativeOrder());
    private int openNests;

    /** A payload starting with a genlmsghdr. */
    public static PayloadWriter genl(int command, int version) {
        PayloadWriter w = new PayloadWriter();
        w.ensure(GenlHeader.SIZE);
        w.buffer.put((byte) command).put((byte) version).putShort((short) 0);
        return w;
    }

    /**
     * A payload starting with a fixed family header (rtnetlink's ifaddrmsg, ifinfomsg, ...), copied as given
     * and padded to 4 bytes.
     */
    public static PayloadWriter withHeader(byte[] fixedHeader) {
        PayloadWriter w = new PayloadWriter();
        w.ensure(fixedHeader.length);
        w.buffer.put(fixedHeader);
        return w.pad();
    }

    public PayloadWriter putU8(int type, int value) {
        return put(type, 1).put1(value);
    }

    public PayloadWriter putU16(int type, int value) {
        header(type, 2);
        buffer.putShort((short) value);
        return pad();
    }

    /** A 16-bit value in network byte order (ports). */
    public PayloadWriter putBe16(int type, int value) {
        header(type, 2);
        buffer.order(ByteOrder.BIG_ENDIAN).putShort((short) value).order(ByteOrder.nativeOrder());
        return pad();
    }

    public PayloadWriter putU32(int type, int value) {
        header(type, 4);
        buffer.putInt(value);
        return pad();
    }

    /** A 32-bit value in network byte order (IPv4 netmasks). */
    public PayloadWriter putBe32(int type, int value) {
        header(type, 4);
        buffer.order(ByteOrder.BIG_ENDIAN).putInt(value).order(ByteOrder.nativeOrder());
        return pad();
    }

    public PayloadWriter putU64(int type, long value) {
        header(type, 8);
        buffer.putLong(value);
        return pad();
    }

    /** A NUL-terminated string, as NLA_NUL_STRING and NLA_STRING policies both accept. */
    public PayloadWriter putString(int type, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        header(type, bytes.length + 1);
        buffer.put(bytes).put((byte) 0);
        return pad();
    }

    public PayloadWriter putBytes(int type, byte[] value) {
        header(type, value.length);
        buffer.put(value);
        return pad();
    }

    /** Opens a nested attribute (NLA_F_NESTED set); returns the handle {@link #endNested} needs. */
    public int beginNested(int type) {
        int start = buffer.position();
        header(type | NetlinkConstants.NLA_F_NESTED, 0);
        openNests++;
        return start;
    }

    public PayloadWriter endNested(int handle) {
        if (openNests == 0) {
            throw new IllegalStateException("endNested without beginNested");
        }
        buffer.putShort(handle, (short) (buffer.position() - handle));
        openNests--;
        return this;
    }

    public int size() {
        return buffer.position();
    }

    public byte[] toBytes() {
        if (openNests != 0) {
            throw new IllegalStateException(openNests + " nested attribute(s) left open");
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private PayloadWriter put(int type, int length) {
        header(type, length);
        return this;
    }

    private PayloadWriter put1(int value) {
        buffer.put((byte) value);
        return pad();
    }

    private void header(int type, int valueLength) {
        int length = NetlinkConstants.NLA_HDRLEN + valueLength;
        if (length > 0xffff) {
            throw new IllegalArgumentException("attribute " + type + " too long: " + valueLength + " bytes");
        }
        ensure(NetlinkConstants.align(length));
        buffer.putShort((short) length).putShort((short) type);
    }

    private PayloadWriter pad() {
        int aligned = NetlinkConstants.align(buffer.position());
        while (buffer.position() < aligned) {
            buffer.put((byte) 0);
        }
        return this;
    }

    private void ensure(int more) {
        if (buffer.remaining() < more + NetlinkConstants.NLA_ALIGNTO) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more + 64))
                    .order(ByteOrder.nativeOrder());
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
    }
}
