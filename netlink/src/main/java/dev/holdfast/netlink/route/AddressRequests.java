package dev.holdfast.netlink.route;

import dev.holdfast.netlink.NetlinkConstants;
import dev.holdfast.netlink.PayloadWriter;
import dev.holdfast.netlink.io.Request;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * RTM_NEWADDR / RTM_DELADDR requests, built as iproute2's {@code ip addr add|del} builds them: an ifaddrmsg
 * then IFA_LOCAL and IFA_ADDRESS (both the address itself: there is no peer), IFA_BROADCAST and IFA_LABEL
 * when given.
 */
public final class AddressRequests {
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    /** errno of a delete whose address is not there. */
    public static final int EADDRNOTAVAIL = 99;

    private AddressRequests() {
    }

    /** Adds the address; the kernel answers EEXIST if it is already there (NLM_F_EXCL). */
    public static Request add(InterfaceAddress a) {
        return new Request("add address " + a, RTM_NEWADDR, NetlinkConstants.NLM_F_CREATE | NetlinkConstants.NLM_F_EXCL,
                payload(a, true));
    }

    /** Deletes the address; the kernel answers EADDRNOTAVAIL if it is not there. */
    public static Request delete(InterfaceAddress a) {
        return new Request("delete address " + a, RTM_DELADDR, 0, payload(a, false));
    }

    static byte[] payload(InterfaceAddress a, boolean add) {
        boolean v4 = a.address() instanceof Inet4Address;
        byte[] header = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                .put((byte) (v4 ? AF_INET : AF_INET6))
                .put((byte) a.prefix())
                .put((byte) 0) // ifa_flags
                .put((byte) a.scope())
                .putInt(a.interfaceIndex())
                .array();
        PayloadWriter w = PayloadWriter.withHeader(header);
        byte[] bytes = a.address().getAddress();
        w.putBytes(IFA_LOCAL, bytes);
        w.putBytes(IFA_ADDRESS, bytes);
        if (add && a.broadcast() != null && v4) {
            w.putBytes(IFA_BROADCAST, a.broadcast().getAddress());
        }
        if (a.label() != null && v4) {
            w.putString(IFA_LABEL, a.label());
        }
        return w.toBytes();
    }
}
