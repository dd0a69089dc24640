package dev.holdfast.ipvs.kernel;

import static dev.holdfast.ipvs.kernel.IpvsConstants.*;

import dev.holdfast.netlink.Attribute;
import dev.holdfast.netlink.Attributes;
import dev.holdfast.netlink.NetlinkDecodeException;
import dev.holdfast.netlink.PayloadWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/** The nested IPVS_CMD_ATTR_DAEMON attribute of NEW_DAEMON, DEL_DAEMON and GET_DAEMON replies. */
final class DaemonCodec {
    private DaemonCodec() {}

    static void write(PayloadWriter w, SyncDaemon d) {
        int n = w.beginNested(IPVS_CMD_ATTR_DAEMON);
        w.putU32(IPVS_DAEMON_ATTR_STATE, d.role().state());
        w.putString(IPVS_DAEMON_ATTR_MCAST_IFN, d.interfaceName());
        w.putU32(IPVS_DAEMON_ATTR_SYNC_ID, d.syncId());
        // Optional settings go only when set, so kernels before 4.3 (which lack them) still accept the rest.
        if (d.maxLength() != 0) {
            w.putU16(IPVS_DAEMON_ATTR_SYNC_MAXLEN, d.maxLength());
        }
        if (d.group().isPresent()) {
            byte[] group = d.group().get().getAddress();
            w.putBytes(d.ipv4Group() ? IPVS_DAEMON_ATTR_MCAST_GROUP : IPVS_DAEMON_ATTR_MCAST_GROUP6, group);
        }
        if (d.port() != 0) {
            // The kernel keeps the base port in host order and adds the SyncID-derived offset itself.
            w.putU16(IPVS_DAEMON_ATTR_MCAST_PORT, d.port());
        }
        if (d.ttl() != 0) {
            w.putU8(IPVS_DAEMON_ATTR_MCAST_TTL, d.ttl());
        }
        w.endNested(n);
    }

    static void writeStop(PayloadWriter w, SyncDaemon.Role role) {
        int n = w.beginNested(IPVS_CMD_ATTR_DAEMON);
        w.putU32(IPVS_DAEMON_ATTR_STATE, role.state());
        w.endNested(n);
    }

    static SyncDaemon read(Attributes a) {
        Optional<InetAddress> group = Optional.empty();
        Optional<Attribute> g4 = a.get(IPVS_DAEMON_ATTR_MCAST_GROUP);
        Optional<Attribute> g6 = a.get(IPVS_DAEMON_ATTR_MCAST_GROUP6);
        try {
            if (g4.isPresent() && g4.get().be32() != 0) {
                group = Optional.of(InetAddress.getByAddress(Arrays.copyOf(g4.get().bytes(), 4)));
            } else if (g6.isPresent() && g6.get().length() >= 16 && !allZero(g6.get().bytes())) {
                group = Optional.of(InetAddress.getByAddress(Arrays.copyOf(g6.get().bytes(), 16)));
            }
            return new SyncDaemon(
                    SyncDaemon.Role.ofState(a.require(IPVS_DAEMON_ATTR_STATE, "IPVS_DAEMON_ATTR_STATE").u32()),
                    a.require(IPVS_DAEMON_ATTR_MCAST_IFN, "IPVS_DAEMON_ATTR_MCAST_IFN").string(),
                    a.require(IPVS_DAEMON_ATTR_SYNC_ID, "IPVS_DAEMON_ATTR_SYNC_ID").u32(),
                    a.get(IPVS_DAEMON_ATTR_SYNC_MAXLEN).map(Attribute::u16).orElse(0),
                    group,
                    a.get(IPVS_DAEMON_ATTR_MCAST_PORT).map(Attribute::u16).orElse(0),
                    a.get(IPVS_DAEMON_ATTR_MCAST_TTL).map(Attribute::u8).orElse(0));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new NetlinkDecodeException("sync daemon: " + e.getMessage());
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
