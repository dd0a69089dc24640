package dev.holdfast.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The in-place readers of {@link Attributes} agree with the {@link Attribute} objects they spare. */
class AttributeReadersTest {

    @Property
    void typedReadersMatchTheAttributeObjects(@ForAll int a, @ForAll long b, @ForAll short c, @ForAll byte d) {
        PayloadWriter w = new PayloadWriter();
        w.putU32(1, a).putU64(2, b).putU16(3, c & 0xffff).putBe16(4, c & 0xffff).putU8(5, d & 0xff);
        int n = w.beginNested(6);
        w.putU64(1, b).putU32(2, a);
        w.endNested(n);
        Attributes attrs = Attributes.parse(ByteBuffer.wrap(w.toBytes()));
        assertThat(attrs.u32(1, -7)).isEqualTo(attrs.get(1).orElseThrow().u32()).isEqualTo(a);
        assertThat(attrs.u32AsLong(1, -7)).isEqualTo(Integer.toUnsignedLong(a));
        assertThat(attrs.u64(2, -7)).isEqualTo(attrs.get(2).orElseThrow().u64()).isEqualTo(b);
        assertThat(attrs.u16(3, -7)).isEqualTo(attrs.get(3).orElseThrow().u16()).isEqualTo(c & 0xffff);
        assertThat(attrs.be16(4, -7)).isEqualTo(attrs.get(4).orElseThrow().be16()).isEqualTo(c & 0xffff);
        assertThat(attrs.u8(5, -7)).isEqualTo(attrs.get(5).orElseThrow().u8()).isEqualTo(d & 0xff);
        Attributes inner = attrs.nested(6);
        assertThat(inner.all()).isEqualTo(attrs.get(6).orElseThrow().nested().all());
        assertThat(inner.u64(1, 0)).isEqualTo(b);
        assertThat(inner.u32(2, 0)).isEqualTo(a);
        assertThat(attrs.u32(9, -7)).isEqualTo(-7);
        assertThat(attrs.nested(9)).isNull();
        assertThat(Attributes.of(attrs.all()).all()).isEqualTo(attrs.all());
    }

    @Test
    void aShortValueIsADecodeErrorNamingTheType() {
        Attributes attrs = Attributes.of(List.of(new Attribute(3, false, new byte[] {1, 2})));
        assertThatThrownBy(() -> attrs.u32(3, 0)).isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("attribute 3 has 2 bytes, a u32 needs 4");
        assertThatThrownBy(() -> attrs.u64(3, 0)).hasMessageContaining("a u64 needs 8");
    }

    @Test
    void aBrokenNestedRunNamesItsParent() {
        Attributes attrs = Attributes.of(List.of(new Attribute(6, true, new byte[] {9, 0, 1, 0})));
        assertThatThrownBy(() -> attrs.nested(6)).isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("in nested attribute 6: attribute 1 at offset 0 claims 9 bytes, only 4 left");
    }
}
