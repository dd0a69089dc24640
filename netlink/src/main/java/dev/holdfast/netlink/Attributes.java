package dev.holdfast.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run of attributes as found after a generic netlink header or inside a nested attribute, in wire
 * order. Lookup by type returns the first occurrence, which is what the kernel's nla_parse keeps too
 * for the families holdfast speaks (no attribute there is repeated).
 */
public final class Attributes {
    private final List<Attribute> list;

    private Attributes(List<Attribute> list) {
        this.list = List.copyOf(list);
    }

    public static Attributes of(List<Attribute> attributes) {
        return new Attributes(attributes);
    }

    /**
     * Parses attributes from the position to the limit. Every nla_len must cover its header and stay
     * inside the buffer; the padding after the last attribute may be missing.
     */
    public static Attributes parse(ByteBuffer in) {
        ByteBuffer b = in.slice().order(ByteOrder.nativeOrder());
        List<Attribute> out = new ArrayList<>();
        while (b.remaining() > 0) {
            int start = b.position();
            if (b.remaining() < NetlinkConstants.NLA_HDRLEN) {
                throw new NetlinkDecodeException("truncated attribute header at offset " + start + ": "
                        + b.remaining() + " bytes left");
            }
            int length = Short.toUnsignedInt(b.getShort());
            int rawType = Short.toUnsignedInt(b.getShort());
            if (length < NetlinkConstants.NLA_HDRLEN) {
                throw new NetlinkDecodeException("attribute at offset " + start + " has impossible length " + length);
            }
            if (length - NetlinkConstants.NLA_HDRLEN > b.remaining()) {
                throw new NetlinkDecodeException("attribute " + (rawType & NetlinkConstants.NLA_TYPE_MASK) + " at offset "
                        + start + " claims " + length + " bytes, only " + (b.remaining() + NetlinkConstants.NLA_HDRLEN)
                        + " left");
            }
            byte[] value = new byte[length - NetlinkConstants.NLA_HDRLEN];
            b.get(value);
            out.add(new Attribute(rawType & NetlinkConstants.NLA_TYPE_MASK,
                    (rawType & NetlinkConstants.NLA_F_NESTED) != 0, value));
            int next = start + NetlinkConstants.align(length);
            b.position(Math.min(next, b.limit()));
        }
        in.position(in.limit());
        return new Attributes(out);
    }

    public List<Attribute> all() {
        return list;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public Optional<Attribute> get(int type) {
        for (Attribute a : list) {
            if (a.type() == type) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public boolean has(int type) {
        return get(type).isPresent();
    }

    /** The attribute of this type, or a decode error naming {@code what} when the kernel left it out. */
    public Attribute require(int type, String what) {
        return get(type).orElseThrow(() -> new NetlinkDecodeException("missing attribute " + what + " (type " + type + ")"));
    }

    @Override
    public String toString() {
        return list.toString();
    }
}
