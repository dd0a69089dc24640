package dev.holdfast.ipvs.kernel;

import static dev.holdfast.ipvs.kernel.IpvsConstants.*;

import dev.holdfast.ipvs.Family;
import dev.holdfast.ipvs.Protocol;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.netlink.Attribute;
import dev.holdfast.netlink.Attributes;
import dev.holdfast.netlink.NetlinkDecodeException;
import dev.holdfast.netlink.PayloadWriter;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The nested IPVS_CMD_ATTR_SERVICE attribute: identity only, or identity plus every setting. */
final class ServiceCodec {
    private ServiceCodec() {}

    /** Just what identifies the service (for DEL_SERVICE, GET_DEST and destination commands). */
    static void writeKey(PayloadWriter w, ServiceKey key) {
        int n = w.beginNested(IPVS_CMD_ATTR_SERVICE);
        keyAttributes(w, key);
        w.endNested(n);
    }

    /** Identity and every setting, as NEW_SERVICE and SET_SERVICE require. */
    static void write(PayloadWriter w, Service s) {
        int n = w.beginNested(IPVS_CMD_ATTR_SERVICE);
        keyAttributes(w, s.key());
        w.putString(IPVS_SVC_ATTR_SCHED_NAME, s.scheduler());
        if (!s.persistenceEngine().isEmpty()) {
            w.putString(IPVS_SVC_ATTR_PE_NAME, s.persistenceEngine());
        }
        // struct ip_vs_flags {flags, mask}: a full mask makes the kernel take our flags as they are.
        byte[] flags = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(s.flagBits()).putInt(-1).array();
        w.putBytes(IPVS_SVC_ATTR_FLAGS, flags);
        w.putU32(IPVS_SVC_ATTR_TIMEOUT, s.timeout());
        if (s.key().family() == Family.INET) {
            // IPv4: the kernel stores a __be32 mask; IPv6: a plain prefix length.
            w.putBe32(IPVS_SVC_ATTR_NETMASK, prefixToMask(s.netmask()));
        } else {
            w.putU32(IPVS_SVC_ATTR_NETMASK, s.netmask());
        }
        w.endNested(n);
    }

    private static void keyAttributes(PayloadWriter w, ServiceKey key) {
        w.putU16(IPVS_SVC_ATTR_AF, key.family().number());
        if (key instanceof ServiceKey.Address a) {
            w.putU16(IPVS_SVC_ATTR_PROTOCOL, a.protocol().number());
            w.putBytes(IPVS_SVC_ATTR_ADDR, AddressCodec.encode(a.address()));
            w.putBe16(IPVS_SVC_ATTR_PORT, a.port());
        } else {
            w.putU32(IPVS_SVC_ATTR_FWMARK, (int) ((ServiceKey.Fwmark) key).mark());
        }
    }

    /** A service from a GET_SERVICE reply (the nested attributes inside IPVS_CMD_ATTR_SERVICE). */
    static ServiceStatus read(Attributes a) {
        Family family = AddressCodec.family(a.require(IPVS_SVC_ATTR_AF, "IPVS_SVC_ATTR_AF").u16());
        ServiceKey key = readKey(a, family);
        int bits = a.get(IPVS_SVC_ATTR_FLAGS).map(Attribute::u32).orElse(0);
        int timeout = a.get(IPVS_SVC_ATTR_TIMEOUT).map(Attribute::u32).orElse(0);
        int netmask = a.get(IPVS_SVC_ATTR_NETMASK)
                .map(m -> family == Family.INET ? maskToPrefix(m.be32()) : m.u32())
                .orElse(family.maxPrefix());
        String engine = a.get(IPVS_SVC_ATTR_PE_NAME).map(Attribute::string).orElse("");
        try {
            Service s = new Service(key, a.require(IPVS_SVC_ATTR_SCHED_NAME, "IPVS_SVC_ATTR_SCHED_NAME").string(),
                    Service.flagsOf(bits), timeout, netmask, engine);
            return new ServiceStatus(s, StatsCodec.read(a, IPVS_SVC_ATTR_STATS, IPVS_SVC_ATTR_STATS64));
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("service " + key + ": " + e.getMessage());
        }
    }

    static ServiceKey readKey(Attributes a, Family family) {
        try {
            if (a.has(IPVS_SVC_ATTR_FWMARK)) {
                return ServiceKey.fwmark(a.require(IPVS_SVC_ATTR_FWMARK, "IPVS_SVC_ATTR_FWMARK").u32AsLong(), family);
            }
            Protocol protocol = Protocol.ofNumber(a.require(IPVS_SVC_ATTR_PROTOCOL, "IPVS_SVC_ATTR_PROTOCOL").u16());
            InetAddress address = AddressCodec.decode(a.require(IPVS_SVC_ATTR_ADDR, "IPVS_SVC_ATTR_ADDR").bytes(), family);
            return ServiceKey.of(protocol, address, a.require(IPVS_SVC_ATTR_PORT, "IPVS_SVC_ATTR_PORT").be16());
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException("service: " + e.getMessage());
        }
    }

    static int prefixToMask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /** Leading one bits; a non-contiguous mask (only ipvsadm -M can make one) is read up to its first gap. */
    static int maskToPrefix(int mask) {
        return Integer.numberOfLeadingZeros(~mask);
    }
}
