package dev.holdfast.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One decoded netlink attribute (struct nlattr + payload). The typed getters check the payload size, so
 * a short or garbled attribute becomes a {@link NetlinkDecodeException} naming the attribute type.
 */
public final class Attribute {
    private final int type;
    private final boolean nested;
    private final byte[] value;

    public Attribute(int type, boolean nested, byte[] value) {
        this(type, nested, value.clone(), true);
    }

    private Attribute(int type, boolean nested, byte[] value, boolean owned) {
        this.type = type;
        this.nested = nested;
        this.value = value;
    }

    /** An attribute that takes {@code value} as it is: the caller made it for this attribute alone. */
    static Attribute owning(int type, boolean nested, byte[] value) {
        return new Attribute(type, nested, value, true);
    }

    /** The attribute type without the NLA_F_NESTED / NLA_F_NET_BYTEORDER bits. */
    public int type() {
        return type;
    }

    /** Whether the sender set NLA_F_NESTED; many kernel families nest without setting it. */
    public boolean nestedFlag() {
        return nested;
    }

    public int length() {
        return value.length;
    }

    public byte[] bytes() {
        return value.clone();
    }

    public int u8() {
        return Byte.toUnsignedInt(fixed(1, "u8").get());
    }

    public int u16() {
        return Short.toUnsignedInt(fixed(2, "u16").getShort());
    }

    /** A u16 in network byte order (ports). */
    public int be16() {
        return Short.toUnsignedInt(fixed(2, "be16").order(ByteOrder.BIG_ENDIAN).getShort());
    }

    /** A u32 as a Java int; use {@link Integer#toUnsignedLong} where the full range matters. */
    public int u32() {
        return fixed(4, "u32").getInt();
    }

    public long u32AsLong() {
        return Integer.toUnsignedLong(u32());
    }

    /** A u32 in network byte order (IPv4 addresses and netmasks). */
    public int be32() {
        return fixed(4, "be32").order(ByteOrder.BIG_ENDIAN).getInt();
    }

    public long u64() {
        return fixed(8, "u64").getLong();
    }

    /** A NUL-terminated string (NLA_NUL_STRING); a missing terminator is tolerated. */
    public String string() {
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.UTF_8);
    }

    /** The payload parsed as nested attributes. */
    public Attributes nested() {
        try {
            return Attributes.parse(ByteBuffer.wrap(value));
        } catch (NetlinkDecodeException e) {
            throw new NetlinkDecodeException("in nested attribute " + type + ": " + e.reason());
        }
    }

    private ByteBuffer fixed(int size, String kind) {
        if (value.length < size) {
            throw new NetlinkDecodeException("attribute " + type + " has " + value.length + " bytes, a " + kind
                    + " needs " + size);
        }
        return ByteBuffer.wrap(value, 0, size).order(ByteOrder.nativeOrder());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribute a && a.type == type && a.nested == nested && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Attribute[type=" + type + (nested ? ", nested" : "") + ", length=" + value.length + "]";
    }
}
