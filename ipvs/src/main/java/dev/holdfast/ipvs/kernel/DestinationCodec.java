package dev.holdfast.ipvs.kernel;

import static dev.holdfast.ipvs.kernel.IpvsConstants.*;

import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.DestinationKey;
import dev.holdfast.ipvs.Family;
import dev.holdfast.ipvs.Forwarding;
import dev.holdfast.ipvs.TunnelChecksum;
import dev.holdfast.ipvs.TunnelType;
import dev.holdfast.netlink.Attribute;
import dev.holdfast.netlink.Attributes;
import dev.holdfast.netlink.NetlinkDecodeException;
import dev.holdfast.netlink.PayloadWriter;
import java.net.InetAddress;

/** The nested IPVS_CMD_ATTR_DEST attribute. */
final class DestinationCodec {
    private DestinationCodec() {}

    /** Identity only, for DEL_DEST. */
    static void writeKey(PayloadWriter w, DestinationKey key) {
        int n = w.beginNested(IPVS_CMD_ATTR_DEST);
        keyAttributes(w, key.address(), key.port());
        w.endNested(n);
    }

    /** Identity and every setting, as NEW_DEST and SET_DEST require. */
    static void write(PayloadWriter w, Destination d) {
        int n = w.beginNested(IPVS_CMD_ATTR_DEST);
        keyAttributes(w, d.address(), d.port());
        w.putU32(IPVS_DEST_ATTR_FWD_METHOD, d.forwarding().method());
        w.putU32(IPVS_DEST_ATTR_WEIGHT, d.weight());
        w.putU32(IPVS_DEST_ATTR_U_THRESH, (int) d.upperThreshold());
        w.putU32(IPVS_DEST_ATTR_L_THRESH, (int) d.lowerThreshold());
        if (d.forwarding() instanceof Forwarding.Tunnel t
                && (t.type() != TunnelType.IPIP || t.port() != 0 || t.checksum() != TunnelChecksum.NOCSUM)) {
            // Left out for plain IPIP, which the kernel assumes anyway, so pre-5.2 kernels keep working.
            w.putU8(IPVS_DEST_ATTR_TUN_TYPE, t.type().number());
            w.putBe16(IPVS_DEST_ATTR_TUN_PORT, t.port());
            w.putU16(IPVS_DEST_ATTR_TUN_FLAGS, t.checksum().bits());
        }
        w.endNested(n);
    }

    private static void keyAttributes(PayloadWriter w, InetAddress address, int port) {
        w.putBytes(IPVS_DEST_ATTR_ADDR, AddressCodec.encode(address));
        w.putBe16(IPVS_DEST_ATTR_PORT, port);
        w.putU16(IPVS_DEST_ATTR_ADDR_FAMILY, Family.of(address).number());
    }

    /**
     * A destination from a GET_DEST reply. Kernels before 4.4 do not send the address family; the
     * destination then has the service's family.
     */
    static DestinationStatus read(Attributes a, Family serviceFamily) {
        Family family = a.has(IPVS_DEST_ATTR_ADDR_FAMILY) ? AddressCodec.family(a.u16(IPVS_DEST_ATTR_ADDR_FAMILY, 0))
                : serviceFamily;
        InetAddress address = AddressCodec.decode(a.require(IPVS_DEST_ATTR_ADDR, "IPVS_DEST_ATTR_ADDR").bytes(), family);
        int port = a.require(IPVS_DEST_ATTR_PORT, "IPVS_DEST_ATTR_PORT").be16();
        int method = a.u32(IPVS_DEST_ATTR_FWD_METHOD, 0) & IP_VS_CONN_F_FWD_MASK;
        try {
            Forwarding forwarding = switch (method) {
                case IP_VS_CONN_F_MASQ -> Forwarding.NAT;
                case IP_VS_CONN_F_LOCALNODE -> Forwarding.LOCAL;
                case IP_VS_CONN_F_TUNNEL -> Forwarding.tunnel(
                        TunnelType.ofNumber(a.get(IPVS_DEST_ATTR_TUN_TYPE).map(Attribute::u8).orElse(0)),
                        a.get(IPVS_DEST_ATTR_TUN_PORT).map(Attribute::be16).orElse(0),
                        TunnelChecksum.ofBits(a.get(IPVS_DEST_ATTR_TUN_FLAGS).map(Attribute::u16).orElse(0)));
                case IP_VS_CONN_F_DROUTE -> Forwarding.DR;
                case IP_VS_CONN_F_BYPASS -> Forwarding.BYPASS;
                default -> throw new IllegalArgumentException("unknown forwarding method " + method);
            };
            Destination d = new Destination(address, port, forwarding, a.u32(IPVS_DEST_ATTR_WEIGHT, 0),
                    a.u32AsLong(IPVS_DEST_ATTR_U_THRESH, 0), a.u32AsLong(IPVS_DEST_ATTR_L_THRESH, 0));
            return new DestinationStatus(d, a.u32AsLong(IPVS_DEST_ATTR_ACTIVE_CONNS, 0),
                    a.u32AsLong(IPVS_DEST_ATTR_INACT_CONNS, 0), a.u32AsLong(IPVS_DEST_ATTR_PERSIST_CONNS, 0),
                    StatsCodec.read(a, IPVS_DEST_ATTR_STATS, IPVS_DEST_ATTR_STATS64));
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("destination " + new DestinationKey(address, port) + ": " + e.getMessage());
        }
    }
}
