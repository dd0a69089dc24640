package dev.holdfast.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecTest {

    @Test
    void scalarAttributesRoundTrip() {
        byte[] payload = PayloadWriter.genl(7, 1)
                .putU8(1, 0xfe)
                .putU16(2, 0xbeef)
                .putBe16(3, 8080)
                .putU32(4, 0xdeadbeef)
                .putBe32(5, 0xffffff00)
                .putU64(6, Long.MIN_VALUE + 5)
                .putString(7, "wrr")
                .putBytes(8, new byte[] {1, 2, 3, 4, 5})
                .toBytes();
        GenlMessage m = frameAndParse(0x20, payload).genl();
        assertThat(m.header()).isEqualTo(new GenlHeader(7, 1));
        Attributes a = m.attributes();
        assertThat(a.require(1, "u8").u8()).isEqualTo(0xfe);
        assertThat(a.require(2, "u16").u16()).isEqualTo(0xbeef);
        assertThat(a.require(3, "be16").be16()).isEqualTo(8080);
        assertThat(a.require(4, "u32").u32()).isEqualTo(0xdeadbeef);
        assertThat(a.require(4, "u32").u32AsLong()).isEqualTo(0xdeadbeefL);
        assertThat(a.require(5, "be32").be32()).isEqualTo(0xffffff00);
        assertThat(a.require(6, "u64").u64()).isEqualTo(Long.MIN_VALUE + 5);
        assertThat(a.require(7, "string").string()).isEqualTo("wrr");
        assertThat(a.require(8, "bytes").bytes()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void networkOrderValuesAreBigEndianOnTheWire() {
        byte[] payload = new PayloadWriter().putBe16(1, 80).putBe32(2, 0x0a000001).toBytes();
        assertThat(payload[4]).isEqualTo((byte) 0);
        assertThat(payload[5]).isEqualTo((byte) 80);
        assertThat(payload[12]).isEqualTo((byte) 10);
        assertThat(payload[15]).isEqualTo((byte) 1);
    }

    @Test
    void everyAttributeStartsOnAFourByteBoundary() {
        byte[] payload = new PayloadWriter().putU8(1, 1).putString(2, "ab").putU16(3, 3).putBytes(4, new byte[5])
                .putU32(5, 5).toBytes();
        // u8: 4+1 -> 8; "ab\0": 4+3 -> 8; u16: 4+2 -> 8; 5 bytes: 4+5 -> 12; u32: 8
        assertThat(payload).hasSize(8 + 8 + 8 + 12 + 8);
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
        assertThat(b.getShort(0)).isEqualTo((short) 5);      // nla_len excludes padding
        assertThat(b.getShort(8)).isEqualTo((short) 7);
        assertThat(b.getShort(16)).isEqualTo((short) 6);
        assertThat(b.getShort(24)).isEqualTo((short) 9);
        assertThat(b.getShort(36)).isEqualTo((short) 8);
        assertThat(Attributes.parse(ByteBuffer.wrap(payload)).all()).extracting(Attribute::type)
                .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void nestedAttributesCarryTheNestedFlagAndTheirFullLength() {
        PayloadWriter w = PayloadWriter.genl(1, 1);
        int outer = w.beginNested(1);
        w.putU32(1, 42);
        int inner = w.beginNested(2);
        w.putString(1, "x");
        w.endNested(inner);
        w.endNested(outer);
        w.putU16(2, 9);
        byte[] payload = w.toBytes();
        ByteBuffer raw = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
        assertThat(raw.getShort(4 + 2) & NetlinkConstants.NLA_F_NESTED).isNotZero();
        assertThat((int) raw.getShort(4)).isEqualTo(4 + 8 + 4 + 8);

        Attributes top = frameAndParse(0x30, payload).genl().attributes();
        Attribute nest = top.require(1, "outer");
        assertThat(nest.nestedFlag()).isTrue();
        assertThat(nest.type()).isEqualTo(1);
        assertThat(nest.nested().require(1, "value").u32()).isEqualTo(42);
        assertThat(nest.nested().require(2, "inner").nested().require(1, "s").string()).isEqualTo("x");
        assertThat(top.require(2, "after").u16()).isEqualTo(9);
    }

    @Test
    void unclosedNestIsAProgrammingError() {
        PayloadWriter w = new PayloadWriter();
        w.beginNested(1);
        assertThatThrownBy(w::toBytes).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void framesSeveralMessagesIntoOneDatagramAndSplitsThemAgain() {
        byte[] a = NetlinkMessage.frame(0x20, 0x5, 1, 0, new PayloadWriter().putString(1, "abc").toBytes());
        byte[] b = NetlinkMessage.frame(0x21, 0x1, 2, 0, new byte[] {9});
        byte[] c = NetlinkMessage.frame(0x22, 0x1, 3, 77, new byte[0]);
        ByteBuffer all = ByteBuffer.allocate(a.length + b.length + c.length).put(a).put(b).put(c).flip();
        List<NetlinkMessage> messages = NetlinkMessage.parseAll(all);
        assertThat(messages).extracting(NetlinkMessage::sequence).containsExactly(1, 2, 3);
        assertThat(messages.get(0).header()).isEqualTo(new NlMsgHeader(16 + 8, 0x20, 0x5, 1, 0));
        assertThat(messages.get(1).header().length()).isEqualTo(17);
        assertThat(messages.get(1).payload().remaining()).isEqualTo(1);
        assertThat(messages.get(2).header().portId()).isEqualTo(77);
    }

    @Test
    void lastMessageMayLackTrailingPadding() {
        byte[] a = NetlinkMessage.frame(0x20, 0, 1, 0, new byte[] {1, 2, 3});
        ByteBuffer unpadded = ByteBuffer.wrap(a, 0, 19);
        assertThat(NetlinkMessage.parseAll(unpadded)).hasSize(1);
    }

    @Test
    void truncatedMessageIsADecodeError() {
        byte[] a = NetlinkMessage.frame(0x20, 0, 1, 0, new byte[12]);
        assertThatThrownBy(() -> NetlinkMessage.parseAll(ByteBuffer.wrap(a, 0, 20)))
                .isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> NetlinkMessage.parseAll(ByteBuffer.wrap(a, 0, 10)))
                .isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("truncated netlink header");
    }

    @Test
    void impossibleLengthsAreDecodeErrors() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        new NlMsgHeader(3, 0x20, 0, 1, 0).write(b);
        assertThatThrownBy(() -> NetlinkMessage.parseAll(b.flip())).isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("impossible length 3");
        byte[] attr = {2, 0, 1, 0};
        assertThatThrownBy(() -> Attributes.parse(ByteBuffer.wrap(attr))).isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("impossible length 2");
    }

    @Test
    void wrongSizedAttributeNamesItsType() {
        Attributes a = Attributes.parse(ByteBuffer.wrap(new PayloadWriter().putU16(6, 1).toBytes()));
        assertThatThrownBy(() -> a.require(6, "x").u32()).isInstanceOf(NetlinkDecodeException.class)
                .hasMessage("decode: attribute 6 has 2 bytes, a u32 needs 4");
        assertThatThrownBy(() -> a.require(9, "IPVS_SVC_ATTR_FOO")).isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("missing attribute IPVS_SVC_ATTR_FOO");
    }

    private static NetlinkMessage frameAndParse(int type, byte[] payload) {
        List<NetlinkMessage> list = NetlinkMessage.parseAll(ByteBuffer.wrap(NetlinkMessage.frame(type, 0, 1, 0, payload)));
        assertThat(list).hasSize(1);
        return list.get(0);
    }
}
