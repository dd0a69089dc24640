package dev.holdfast.netlink.io;

import static dev.holdfast.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_ID;
import static dev.holdfast.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_NAME;
import static dev.holdfast.netlink.NetlinkConstants.CTRL_ATTR_HDRSIZE;
import static dev.holdfast.netlink.NetlinkConstants.CTRL_ATTR_MAXATTR;
import static dev.holdfast.netlink.NetlinkConstants.CTRL_ATTR_VERSION;
import static dev.holdfast.netlink.NetlinkConstants.CTRL_CMD_GETFAMILY;
import static dev.holdfast.netlink.NetlinkConstants.ENOENT;
import static dev.holdfast.netlink.NetlinkConstants.GENL_ID_CTRL;

import dev.holdfast.netlink.Attribute;
import dev.holdfast.netlink.Attributes;
import dev.holdfast.netlink.NetlinkDecodeException;
import dev.holdfast.netlink.NetlinkException;
import dev.holdfast.netlink.NetlinkMessage;
import dev.holdfast.netlink.PayloadWriter;
import java.util.List;

/** Generic netlink family resolution through the "nlctrl" controller (CTRL_CMD_GETFAMILY). */
public final class GenericNetlink {
    /** The controller's own family version we speak (genetlink.h has used 2 since 2.6.19). */
    private static final int CTRL_VERSION = 2;

    private GenericNetlink() {}

    /** The request resolving {@code name}; exposed so fakes and tests can check what goes on the wire. */
    public static Request getFamilyRequest(String name) {
        byte[] payload = PayloadWriter.genl(CTRL_CMD_GETFAMILY, CTRL_VERSION)
                .putString(CTRL_ATTR_FAMILY_NAME, name)
                .toBytes();
        return new Request("resolve generic netlink family " + name, GENL_ID_CTRL, 0, payload);
    }

    /**
     * Asks the kernel for the family's id, version and maxattr.
     *
     * @throws GenlFamilyNotFoundException when the kernel does not know the family
     */
    public static GenlFamily resolve(NetlinkSocket socket, String name) {
        List<NetlinkMessage> replies;
        try {
            replies = socket.request(getFamilyRequest(name));
        } catch (NetlinkException e) {
            if (e.errno() == ENOENT) {
                throw new GenlFamilyNotFoundException(name);
            }
            throw e;
        }
        if (replies.isEmpty()) {
            throw new NetlinkDecodeException("no CTRL_CMD_NEWFAMILY reply for family " + name);
        }
        Attributes a = replies.get(0).genl().attributes();
        return new GenlFamily(
                a.get(CTRL_ATTR_FAMILY_NAME).map(Attribute::string).orElse(name),
                a.require(CTRL_ATTR_FAMILY_ID, "CTRL_ATTR_FAMILY_ID").u16(),
                a.get(CTRL_ATTR_VERSION).map(Attribute::u32).orElse(0),
                a.get(CTRL_ATTR_HDRSIZE).map(Attribute::u32).orElse(0),
                a.get(CTRL_ATTR_MAXATTR).map(Attribute::u32).orElse(0));
    }
}
