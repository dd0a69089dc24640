package dev.holdfast.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A run of attributes as found after a generic netlink header or inside a nested attribute, in wire
 * order. Lookup by type returns the first occurrence, which is what the kernel's nla_parse keeps too
 * for the families holdfast speaks (no attribute there is repeated).
 *
 * <p>Parsing records where each attribute lies in one copy of the bytes and makes nothing per attribute: the
 * typed readers ({@link #u32(int, int)}, {@link #u64(int, long)}, {@link #nested(int)}...) read in place, and
 * an {@link Attribute} object is made only when asked for. A dump of a large IPVS table decodes tens of thousands
 * of destinations with a dozen attributes and ten counters each.
 */
public final class Attributes {
    private static final int[] NONE = new int[0];

    /** the bytes, native order, shared (read only) with the nested runs parsed from them */
    private final ByteBuffer data;
    private final int count;
    private final int[] types;
    /** start of each value in {@link #data} */
    private final int[] starts;
    private final int[] lengths;
    /** bit i: attribute i had NLA_F_NESTED */
    private final boolean[] nestedFlags;
    private List<Attribute> all;

    private Attributes(ByteBuffer data, int count, int[] types, int[] starts, int[] lengths, boolean[] nestedFlags) {
        this.data = data;
        this.count = count;
        this.types = types;
        this.starts = starts;
        this.lengths = lengths;
        this.nestedFlags = nestedFlags;
    }

    public static Attributes of(List<Attribute> attributes) {
        int size = 0;
        for (Attribute a : attributes) {
            size += a.length();
        }
        ByteBuffer data = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        int n = attributes.size();
        int[] types = new int[n];
        int[] starts = new int[n];
        int[] lengths = new int[n];
        boolean[] nested = new boolean[n];
        int at = 0;
        for (int i = 0; i < n; i++) {
            Attribute a = attributes.get(i);
            types[i] = a.type();
            starts[i] = at;
            lengths[i] = a.length();
            nested[i] = a.nestedFlag();
            data.put(at, a.bytes());
            at += a.length();
        }
        return new Attributes(data, n, types, starts, lengths, nested);
    }

    /**
     * Parses attributes from the position to the limit. Every nla_len must cover its header and stay
     * inside the buffer; the padding after the last attribute may be missing.
     */
    public static Attributes parse(ByteBuffer in) {
        byte[] copy = new byte[in.remaining()];
        in.get(copy);
        ByteBuffer data = ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
        return parse(data, 0, copy.length);
    }

    /** Parses {@code data[from, to)}, which the result keeps and reads in place. */
    private static Attributes parse(ByteBuffer data, int from, int to) {
        int capacity = Math.min(16, (to - from) / NetlinkConstants.NLA_HDRLEN);
        int[] types = capacity == 0 ? NONE : new int[capacity];
        int[] starts = capacity == 0 ? NONE : new int[capacity];
        int[] lengths = capacity == 0 ? NONE : new int[capacity];
        boolean[] nested = new boolean[capacity];
        int n = 0;
        int at = from;
        while (at < to) {
            int start = at - from;
            int remaining = to - at;
            if (remaining < NetlinkConstants.NLA_HDRLEN) {
                throw new NetlinkDecodeException("truncated attribute header at offset " + start + ": "
                        + remaining + " bytes left");
            }
            int length = Short.toUnsignedInt(data.getShort(at));
            int rawType = Short.toUnsignedInt(data.getShort(at + 2));
            if (length < NetlinkConstants.NLA_HDRLEN) {
                throw new NetlinkDecodeException("attribute at offset " + start + " has impossible length " + length);
            }
            if (length > remaining) {
                throw new NetlinkDecodeException("attribute " + (rawType & NetlinkConstants.NLA_TYPE_MASK) + " at offset "
                        + start + " claims " + length + " bytes, only " + remaining + " left");
            }
            if (n == types.length) {
                int grown = Math.max(4, n * 2);
                types = Arrays.copyOf(types, grown);
                starts = Arrays.copyOf(starts, grown);
                lengths = Arrays.copyOf(lengths, grown);
                nested = Arrays.copyOf(nested, grown);
            }
            types[n] = rawType & NetlinkConstants.NLA_TYPE_MASK;
            nested[n] = (rawType & NetlinkConstants.NLA_F_NESTED) != 0;
            starts[n] = at + NetlinkConstants.NLA_HDRLEN;
            lengths[n] = length - NetlinkConstants.NLA_HDRLEN;
            n++;
            at = Math.min(at + NetlinkConstants.align(length), to);
        }
        return new Attributes(data, n, types, starts, lengths, nested);
    }

    public List<Attribute> all() {
        if (all == null) {
            List<Attribute> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(attribute(i));
            }
            all = List.copyOf(out);
        }
        return all;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public Optional<Attribute> get(int type) {
        int i = indexOf(type);
        return i < 0 ? Optional.empty() : Optional.of(attribute(i));
    }

    public boolean has(int type) {
        return indexOf(type) >= 0;
    }

    /** The attribute of this type, or a decode error naming {@code what} when the kernel left it out. */
    public Attribute require(int type, String what) {
        int i = indexOf(type);
        if (i < 0) {
            throw new NetlinkDecodeException("missing attribute " + what + " (type " + type + ")");
        }
        return attribute(i);
    }

    /** The u8 of this type, or {@code absent}. */
    public int u8(int type, int absent) {
        int i = indexOf(type);
        return i < 0 ? absent : Byte.toUnsignedInt(data.get(fixed(i, 1, "u8")));
    }

    /** The u16 of this type, or {@code absent}. */
    public int u16(int type, int absent) {
        int i = indexOf(type);
        return i < 0 ? absent : Short.toUnsignedInt(data.getShort(fixed(i, 2, "u16")));
    }

    /** The u16 in network byte order of this type (ports), or {@code absent}. */
    public int be16(int type, int absent) {
        int i = indexOf(type);
        return i < 0 ? absent : Short.toUnsignedInt(Short.reverseBytes(data.getShort(fixed(i, 2, "be16"))));
    }

    /** The u32 of this type as a Java int, or {@code absent}. */
    public int u32(int type, int absent) {
        int i = indexOf(type);
        return i < 0 ? absent : data.getInt(fixed(i, 4, "u32"));
    }

    /** The u32 of this type, unsigned, or {@code absent}. */
    public long u32AsLong(int type, long absent) {
        int i = indexOf(type);
        return i < 0 ? absent : Integer.toUnsignedLong(data.getInt(fixed(i, 4, "u32")));
    }

    /** The u64 of this type, or {@code absent}. */
    public long u64(int type, long absent) {
        int i = indexOf(type);
        return i < 0 ? absent : data.getLong(fixed(i, 8, "u64"));
    }

    /** The payload of this type parsed as nested attributes, read in place; null when absent. */
    public Attributes nested(int type) {
        int i = indexOf(type);
        if (i < 0) {
            return null;
        }
        try {
            return parse(data, starts[i], starts[i] + lengths[i]);
        } catch (NetlinkDecodeException e) {
            throw new NetlinkDecodeException("in nested attribute " + type + ": " + e.reason());
        }
    }

    private int indexOf(int type) {
        for (int i = 0; i < count; i++) {
            if (types[i] == type) {
                return i;
            }
        }
        return -1;
    }

    private int fixed(int i, int size, String kind) {
        if (lengths[i] < size) {
            throw new NetlinkDecodeException("attribute " + types[i] + " has " + lengths[i] + " bytes, a " + kind
                    + " needs " + size);
        }
        return starts[i];
    }

    private Attribute attribute(int i) {
        byte[] value = new byte[lengths[i]];
        data.get(starts[i], value);
        return Attribute.owning(types[i], nestedFlags[i], value);
    }

    @Override
    public String toString() {
        return all().toString();
    }
}
