package dev.holdfast.vrrp.packet;

import java.net.InetAddress;
import java.util.List;

/**
 * The fields of one VRRP advertisement, independent of how it travelled.
 *
 * @param interval the Adver Int field as on the wire: whole seconds for VRRPv2 (1 octet), centiseconds
 *                 for VRRPv3 (12 bits)
 * @param authType VRRPv2's Auth Type; always {@link AuthType#NONE} for VRRPv3
 * @param addresses the VIPs in wire order, all of {@code family}
 */
public record Advert(
        VrrpVersion version,
        IpFamily family,
        int vrid,
        int priority,
        int interval,
        AuthType authType,
        List<InetAddress> addresses) {

    public Advert {
        addresses = List.copyOf(addresses);
        if (vrid < 0 || vrid > 255) {
            throw new IllegalArgumentException("vrid " + vrid + " outside 0..255");
        }
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority " + priority + " outside 0..255");
        }
        int maxInterval = version == VrrpVersion.V2 ? 0xFF : 0xFFF;
        if (interval < 0 || interval > maxInterval) {
            throw new IllegalArgumentException("advert interval " + interval + " outside 0.." + maxInterval);
        }
        if (addresses.size() > 255) {
            throw new IllegalArgumentException(addresses.size() + " addresses; the count field holds 255");
        }
        if (version == VrrpVersion.V2 && family == IpFamily.IPV6) {
            throw new IllegalArgumentException("VRRPv2 is IPv4 only");
        }
        if (version == VrrpVersion.V3 && authType != AuthType.NONE) {
            throw new IllegalArgumentException("VRRPv3 has no authentication");
        }
        for (InetAddress a : addresses) {
            if (IpFamily.of(a) != family) {
                throw new IllegalArgumentException("address " + a.getHostAddress() + " is not " + family);
            }
        }
    }

    /** The advert interval in centiseconds, whatever the version. */
    public int intervalCentis() {
        return version == VrrpVersion.V2 ? interval * 100 : interval;
    }

    /** The same advert with another priority: a running master only ever changes this field. */
    public Advert withPriority(int newPriority) {
        return new Advert(version, family, vrid, newPriority, interval, authType, addresses);
    }

    /** Length of the VRRP packet proper (header, addresses, v2 auth data), without IP or AH headers. */
    public int vrrpLength() {
        return vrrpLength(version, family, addresses.size());
    }

    static int vrrpLength(VrrpVersion version, IpFamily family, int count) {
        int len = Wire.VRRP_HEADER_LEN + count * family.addressLength();
        // keepalived: the 8 auth bytes follow the addresses in every IPv4 VRRPv2 packet, even without auth
        if (version == VrrpVersion.V2 && family == IpFamily.IPV4) {
            len += Wire.AUTH_DATA_LEN;
        }
        return len;
    }
}
