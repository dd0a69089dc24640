package dev.holdfast.netlink;

import java.nio.ByteBuffer;

/**
 * What an NLMSG_ERROR (ack or error) or an NLMSG_DONE carries: the errno (0 for success), the kernel's
 * extended-ack text and offset when it sent them, and for NLMSG_ERROR the header of the request it
 * answers.
 *
 * @param errno positive errno, 0 when the request succeeded
 * @param request the echoed request header; null for NLMSG_DONE
 * @param message NLMSGERR_ATTR_MSG text, "" when absent
 * @param offset NLMSGERR_ATTR_OFFS (byte offset of the offending attribute in the request), -1 when absent
 * @param missingType NLMSGERR_ATTR_MISS_TYPE (a required attribute that was missing), -1 when absent
 */
public record NetlinkAck(int errno, NlMsgHeader request, String message, int offset, int missingType) {

    public boolean ok() {
        return errno == 0;
    }

    static NetlinkAck parse(NetlinkMessage m) {
        ByteBuffer b = m.payload();
        if (m.isDone()) {
            // A dump that ends cleanly may carry no payload at all (old kernels) or just an int 0.
            if (b.remaining() < 4) {
                return new NetlinkAck(0, null, "", -1, -1);
            }
            int error = b.getInt();
            return withTlvs(m, -error, null, b);
        }
        if (!m.isError()) {
            throw new NetlinkDecodeException("message type " + m.type() + " is neither NLMSG_ERROR nor NLMSG_DONE");
        }
        if (b.remaining() < 4) {
            throw new NetlinkDecodeException("truncated NLMSG_ERROR: " + b.remaining() + " bytes, need at least 4");
        }
        int error = b.getInt();
        if (error > 0) {
            throw new NetlinkDecodeException("NLMSG_ERROR with positive error code " + error);
        }
        NlMsgHeader request = null;
        if (b.remaining() >= NlMsgHeader.SIZE) {
            request = NlMsgHeader.read(b);
            // Without NLM_F_CAPPED the whole request is echoed back; the TLVs start after it.
            boolean capped = m.header().hasFlag(NetlinkConstants.NLM_F_CAPPED) || error == 0;
            if (!capped) {
                int echoed = NetlinkConstants.align(Math.max(0, request.length() - NlMsgHeader.SIZE));
                if (echoed > b.remaining()) {
                    // The request echo is optional in practice; without TLVs a short echo is harmless.
                    if (m.header().hasFlag(NetlinkConstants.NLM_F_ACK_TLVS)) {
                        throw new NetlinkDecodeException("NLMSG_ERROR echo of " + request.length()
                                + " bytes runs past the message end");
                    }
                    b.position(b.limit());
                } else {
                    b.position(b.position() + echoed);
                }
            }
        }
        return withTlvs(m, -error, request, b);
    }

    private static NetlinkAck withTlvs(NetlinkMessage m, int errno, NlMsgHeader request, ByteBuffer rest) {
        if (!m.header().hasFlag(NetlinkConstants.NLM_F_ACK_TLVS) || rest.remaining() == 0) {
            return new NetlinkAck(errno, request, "", -1, -1);
        }
        Attributes tlvs = Attributes.parse(rest);
        String text = tlvs.get(NetlinkConstants.NLMSGERR_ATTR_MSG).map(Attribute::string).orElse("");
        int offset = tlvs.get(NetlinkConstants.NLMSGERR_ATTR_OFFS).map(Attribute::u32).orElse(-1);
        int missing = tlvs.get(NetlinkConstants.NLMSGERR_ATTR_MISS_TYPE).map(Attribute::u32).orElse(-1);
        return new NetlinkAck(errno, request, text, offset, missing);
    }
}
