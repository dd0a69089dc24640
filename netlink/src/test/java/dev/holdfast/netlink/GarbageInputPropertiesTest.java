package dev.holdfast.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever bytes arrive, decoding either succeeds or throws a NetlinkDecodeException. */
class GarbageInputPropertiesTest {

    @Property(tries = 2000)
    void randomBytesNeverThrowAnythingButDecodeErrors(@ForAll @Size(max = 200) byte[] bytes) {
        decodeEverything(bytes);
    }

    @Property(tries = 500)
    void everyTruncationOfAValidMessageDecodesOrFailsCleanly(@ForAll("validDatagram") byte[] datagram,
                                                              @ForAll @IntRange(min = 0, max = 400) int cut) {
        byte[] truncated = java.util.Arrays.copyOf(datagram, Math.min(cut, datagram.length));
        decodeEverything(truncated);
    }

    @Property(tries = 500)
    void corruptingOneByteOfAValidMessageDecodesOrFailsCleanly(@ForAll("validDatagram") byte[] datagram,
                                                               @ForAll @IntRange(min = 0, max = 400) int where,
                                                               @ForAll byte value) {
        byte[] copy = datagram.clone();
        copy[where % copy.length] = value;
        decodeEverything(copy);
    }

    @Provide
    Arbitrary<byte[]> validDatagram() {
        return Arbitraries.strings().alpha().ofMaxLength(20).map(s -> {
            PayloadWriter w = PayloadWriter.genl(3, 1);
            int n = w.beginNested(1);
            w.putString(2, s).putU32(3, s.length()).putU64(4, 7);
            w.endNested(n);
            byte[] first = NetlinkMessage.frame(0x20, 0x2, 1, 0, w.toBytes());
            byte[] err = NetlinkMessage.frame(NetlinkConstants.NLMSG_ERROR,
                    NetlinkConstants.NLM_F_CAPPED | NetlinkConstants.NLM_F_ACK_TLVS, 2, 0,
                    NetlinkAckTest.error(-22, new NlMsgHeader(20, 1, 1, 2, 0), 0,
                            new PayloadWriter().putString(1, s).toBytes()));
            return ByteBuffer.allocate(first.length + err.length).put(first).put(err).array();
        });
    }

    private static void decodeEverything(byte[] bytes) {
        try {
            List<NetlinkMessage> messages = NetlinkMessage.parseAll(ByteBuffer.wrap(bytes));
            for (NetlinkMessage m : messages) {
                touch(m);
            }
        } catch (NetlinkDecodeException expected) {
            assertThat(expected.getMessage()).startsWith("decode: ");
        }
    }

    private static void touch(NetlinkMessage m) {
        try {
            if (m.isError() || m.isDone()) {
                m.ack();
            } else {
                walk(m.genl().attributes());
            }
        } catch (NetlinkDecodeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static void walk(Attributes attributes) {
        for (Attribute a : attributes.all()) {
            for (Runnable getter : List.<Runnable>of(a::u8, a::u16, a::be16, a::u32, a::be32, a::u64, a::string)) {
                try {
                    getter.run();
                } catch (NetlinkDecodeException expected) {
                    assertThat(expected.getMessage()).contains("attribute");
                }
            }
            try {
                walk(a.nested());
            } catch (NetlinkDecodeException expected) {
                assertThat(expected.getMessage()).contains("nested attribute");
            }
        }
    }
}
