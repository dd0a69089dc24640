package dev.holdfast.netlink;

import static dev.holdfast.netlink.NetlinkConstants.NLMSG_DONE;
import static dev.holdfast.netlink.NetlinkConstants.NLMSG_ERROR;
import static dev.holdfast.netlink.NetlinkConstants.NLM_F_ACK_TLVS;
import static dev.holdfast.netlink.NetlinkConstants.NLM_F_CAPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class NetlinkAckTest {
    private static final NlMsgHeader REQUEST = new NlMsgHeader(40, 0x22, 0x5, 7, 0);

    @Test
    void plainAck() {
        NetlinkAck ack = parse(NLMSG_ERROR, NLM_F_CAPPED, error(0, REQUEST, 0, null));
        assertThat(ack.ok()).isTrue();
        assertThat(ack.request()).isEqualTo(REQUEST);
        assertThat(ack.message()).isEmpty();
    }

    @Test
    void cappedErrorWithExtendedAck() {
        byte[] tlvs = new PayloadWriter()
                .putString(NetlinkConstants.NLMSGERR_ATTR_MSG, "Attribute failed policy validation")
                .putU32(NetlinkConstants.NLMSGERR_ATTR_OFFS, 24)
                .toBytes();
        NetlinkAck ack = parse(NLMSG_ERROR, NLM_F_CAPPED | NLM_F_ACK_TLVS, error(-22, REQUEST, 0, tlvs));
        assertThat(ack.errno()).isEqualTo(22);
        assertThat(ack.message()).isEqualTo("Attribute failed policy validation");
        assertThat(ack.offset()).isEqualTo(24);
        assertThat(ack.missingType()).isEqualTo(-1);
    }

    @Test
    void uncappedErrorSkipsTheEchoedRequestBeforeTheTlvs() {
        byte[] tlvs = new PayloadWriter().putString(NetlinkConstants.NLMSGERR_ATTR_MSG, "no scheduler")
                .putU32(NetlinkConstants.NLMSGERR_ATTR_MISS_TYPE, 6).toBytes();
        NetlinkAck ack = parse(NLMSG_ERROR, NLM_F_ACK_TLVS, error(-2, REQUEST, 24, tlvs));
        assertThat(ack.errno()).isEqualTo(2);
        assertThat(ack.message()).isEqualTo("no scheduler");
        assertThat(ack.missingType()).isEqualTo(6);
    }

    @Test
    void errorWithoutTlvs() {
        NetlinkAck ack = parse(NLMSG_ERROR, 0, error(-1, REQUEST, 24, null));
        assertThat(ack.errno()).isEqualTo(1);
        assertThat(ack.message()).isEmpty();
    }

    @Test
    void doneCarriesTheDumpStatus() {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(-105);
        assertThat(parse(NLMSG_DONE, 0, b.array()).errno()).isEqualTo(105);
        assertThat(parse(NLMSG_DONE, 0, new byte[0]).ok()).isTrue();
    }

    @Test
    void garbageErrorsAreDecodeErrors() {
        assertThatThrownBy(() -> parse(NLMSG_ERROR, 0, new byte[2])).isInstanceOf(NetlinkDecodeException.class);
        ByteBuffer positive = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(5);
        assertThatThrownBy(() -> parse(NLMSG_ERROR, 0, positive.array())).isInstanceOf(NetlinkDecodeException.class);
        byte[] echoTooLong = error(-1, new NlMsgHeader(4000, 1, 1, 1, 1), 0, new byte[] {8, 0, 1, 0});
        assertThatThrownBy(() -> parse(NLMSG_ERROR, NLM_F_ACK_TLVS, echoTooLong))
                .isInstanceOf(NetlinkDecodeException.class);
    }

    static byte[] error(int error, NlMsgHeader request, int echoedPayload, byte[] tlvs) {
        int size = 4 + 16 + echoedPayload + (tlvs == null ? 0 : tlvs.length);
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        b.putInt(error);
        request.write(b);
        b.position(b.position() + echoedPayload);
        if (tlvs != null) {
            b.put(tlvs);
        }
        return b.array();
    }

    private static NetlinkAck parse(int type, int flags, byte[] payload) {
        return new NetlinkMessage(new NlMsgHeader(16 + payload.length, type, flags, 7, 0), payload).ack();
    }
}
