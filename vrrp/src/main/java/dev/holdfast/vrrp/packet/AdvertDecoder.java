package dev.holdfast.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads received adverts and checks them against a receiving instance's {@link DecodeRules}, in the order
 * keepalived's {@code vrrp_check_packet} does, so the same bad packet is counted under the same reason.
 * Total: any input gives a {@link DecodeResult}; nothing here throws on bad bytes.
 *
 * <p>Checks that need the instance's state (VRID, VIP list, advert interval, AH replay) are left to the
 * state machine.
 */
public final class AdvertDecoder {
    private final DecodeRules rules;

    public AdvertDecoder(DecodeRules rules) {
        this.rules = rules;
    }

    public DecodeRules rules() {
        return rules;
    }

    /** A whole IPv4 datagram, as an IPv4 raw socket delivers it (header included). */
    public DecodeResult decodeIpv4(byte[] datagram) {
        if (rules.family() != IpFamily.IPV4) {
            return reject(DecodeError.BAD_IP_HEADER, "IPv4 datagram on an IPv6 instance");
        }
        if (datagram == null || datagram.length < Wire.IPV4_HEADER_LEN) {
            return reject(DecodeError.TRUNCATED, "IPv4 packet too short - " + length(datagram) + " bytes");
        }
        if ((datagram[0] & 0xF0) != 0x40) {
            return reject(DecodeError.BAD_IP_HEADER, "IP version " + ((datagram[0] & 0xF0) >> 4));
        }
        int ihl = (datagram[0] & 0x0F) * 4;
        if (ihl < Wire.IPV4_HEADER_LEN) {
            return reject(DecodeError.BAD_IP_HEADER, "IP header length " + ihl);
        }
        int protocol = datagram[9] & 0xFF;
        if (protocol != Wire.IPPROTO_VRRP && protocol != Wire.IPPROTO_AH) {
            return reject(DecodeError.BAD_PROTOCOL, "IP protocol " + protocol);
        }
        boolean hasAh = protocol == Wire.IPPROTO_AH;
        int vrrpOffset = ihl + (hasAh ? Wire.AH_LEN : 0);
        if (datagram.length < vrrpOffset + Wire.VRRP_HEADER_LEN) {
            return reject(DecodeError.TRUNCATED, "IPv4 VRRP packet" + (hasAh ? " with AH" : "")
                    + " too short - " + datagram.length + " bytes");
        }
        if (hasAh != (rules.authentication().type() == AuthType.AH)) {
            return reject(DecodeError.AUTH_MISMATCH, hasAh ? "AH header but auth type is not AH"
                    : "no AH header but auth type is AH");
        }
        int totalLength = u16(datagram, 2);
        int received = datagram.length;
        // Ethernet pads short frames; the IP total length says where the datagram really ends
        if (received > totalLength && received <= Wire.ETHERNET_MIN_PAYLOAD && totalLength >= vrrpOffset) {
            received = totalLength;
        }
        VrrpVersion wireVersion = versionOf(datagram[vrrpOffset]);
        int count = datagram[vrrpOffset + 3] & 0xFF;
        int expected = vrrpOffset + Wire.VRRP_HEADER_LEN + count * 4
                + (wireVersion == VrrpVersion.V2 ? Wire.AUTH_DATA_LEN : 0);
        if (received != expected) {
            return reject(received < expected ? DecodeError.TRUNCATED : DecodeError.TOO_LONG,
                    "length " + received + ", expected " + expected + " for " + count + " addresses");
        }
        Inet4Address source = ipv4(datagram, 12);
        Inet4Address destination = ipv4(datagram, 16);
        int ttl = datagram[8] & 0xFF;
        if (!rules.unicast() && ttl != Wire.VRRP_TTL) {
            return reject(DecodeError.BAD_TTL, "TTL " + ttl + ", expected " + Wire.VRRP_TTL);
        }
        DecodeResult versionError = checkVersion(datagram[vrrpOffset]);
        if (versionError != null) {
            return versionError;
        }
        OptionalLong ahSequence = OptionalLong.empty();
        if (rules.version() == VrrpVersion.V2) {
            DecodeResult authError = checkV2Auth(datagram, ihl, vrrpOffset, received);
            if (authError != null) {
                return authError;
            }
            if (hasAh) {
                ahSequence = OptionalLong.of(u32(datagram, ihl + 8));
            }
        }
        DecodeResult typeError = checkType(datagram[vrrpOffset]);
        if (typeError != null) {
            return typeError;
        }
        if (totalLength != received) {
            return reject(DecodeError.BAD_LENGTH, "IP total length " + totalLength + ", received " + received);
        }
        int vrrpLength = received - vrrpOffset;
        if (VrrpChecksum.compute(rules.version(), rules.checksumMode(), source, destination,
                datagram, vrrpOffset, vrrpLength) != 0) {
            return reject(DecodeError.BAD_CHECKSUM, "invalid VRRPv" + rules.version().number() + " checksum");
        }
        return finish(datagram, vrrpOffset, count, IpFamily.IPV4, source, destination, ttl, ahSequence);
    }

    /** The VRRP packet from an IPv6 raw socket, with what the socket reported about it. */
    public DecodeResult decodeIpv6(byte[] vrrp, Ipv6Envelope envelope) {
        if (rules.family() != IpFamily.IPV6) {
            return reject(DecodeError.BAD_IP_HEADER, "IPv6 packet on an IPv4 instance");
        }
        if (envelope == null) {
            return reject(DecodeError.BAD_IP_HEADER, "no IPv6 addresses given");
        }
        if (vrrp == null || vrrp.length < Wire.VRRP_HEADER_LEN) {
            return reject(DecodeError.TRUNCATED, "IPv6 VRRP packet too short - " + length(vrrp) + " bytes");
        }
        int count = vrrp[3] & 0xFF;
        int expected = Wire.VRRP_HEADER_LEN + count * 16;
        if (vrrp.length != expected) {
            return reject(vrrp.length < expected ? DecodeError.TRUNCATED : DecodeError.TOO_LONG,
                    "length " + vrrp.length + ", expected " + expected + " for " + count + " addresses");
        }
        int hopLimit = envelope.hopLimit();
        if (!rules.unicast() && hopLimit != -1 && hopLimit != Wire.VRRP_TTL) {
            return reject(DecodeError.BAD_TTL, "hop limit " + hopLimit + ", expected " + Wire.VRRP_TTL);
        }
        DecodeResult versionError = checkVersion(vrrp[0]);
        if (versionError != null) {
            return versionError;
        }
        DecodeResult typeError = checkType(vrrp[0]);
        if (typeError != null) {
            return typeError;
        }
        // keepalived lets the kernel verify this (IPV6_CHECKSUM); checking here keeps the decoder self-contained
        if (VrrpChecksum.compute(VrrpVersion.V3, ChecksumMode.PSEUDO_HEADER, envelope.source(),
                envelope.destination(), vrrp, 0, vrrp.length) != 0) {
            return reject(DecodeError.BAD_CHECKSUM, "invalid VRRPv3 checksum");
        }
        return finish(vrrp, 0, count, IpFamily.IPV6, envelope.source(), envelope.destination(), hopLimit,
                OptionalLong.empty());
    }

    /**
     * A whole IPv6 datagram (fixed header followed directly by VRRP), as a packet capture holds it. Extension
     * headers are not followed: a raw VRRP socket never sees them either.
     */
    public DecodeResult decodeIpv6Datagram(byte[] datagram) {
        if (datagram == null || datagram.length < Wire.IPV6_HEADER_LEN) {
            return reject(DecodeError.TRUNCATED, "IPv6 packet too short - " + length(datagram) + " bytes");
        }
        if ((datagram[0] & 0xF0) != 0x60) {
            return reject(DecodeError.BAD_IP_HEADER, "IP version " + ((datagram[0] & 0xF0) >> 4));
        }
        if ((datagram[6] & 0xFF) != Wire.IPPROTO_VRRP) {
            return reject(DecodeError.BAD_PROTOCOL, "next header " + (datagram[6] & 0xFF));
        }
        int payloadLength = u16(datagram, 4);
        if (datagram.length - Wire.IPV6_HEADER_LEN < payloadLength) {
            return reject(DecodeError.TRUNCATED, "payload length " + payloadLength + ", received "
                    + (datagram.length - Wire.IPV6_HEADER_LEN));
        }
        if (datagram.length - Wire.IPV6_HEADER_LEN > payloadLength
                && datagram.length > Wire.ETHERNET_MIN_PAYLOAD) {
            return reject(DecodeError.BAD_LENGTH, "payload length " + payloadLength + ", received "
                    + (datagram.length - Wire.IPV6_HEADER_LEN));
        }
        Ipv6Envelope envelope = new Ipv6Envelope(ipv6(datagram, 8), ipv6(datagram, 24), datagram[7] & 0xFF);
        byte[] payload = Arrays.copyOfRange(datagram, Wire.IPV6_HEADER_LEN, Wire.IPV6_HEADER_LEN + payloadLength);
        return decodeIpv6(payload, envelope);
    }

    private DecodeResult checkVersion(byte versType) {
        int version = (versType & 0xF0) >> 4;
        if (version != rules.version().number()) {
            return reject(DecodeError.BAD_VERSION, "version " + version + ", expected " + rules.version().number());
        }
        return null;
    }

    private static DecodeResult checkType(byte versType) {
        int type = versType & 0x0F;
        if (type != Wire.TYPE_ADVERT) {
            return reject(DecodeError.BAD_TYPE, "packet type " + type + ", expected " + Wire.TYPE_ADVERT);
        }
        return null;
    }

    private DecodeResult checkV2Auth(byte[] datagram, int ihl, int vrrpOffset, int received) {
        int code = datagram[vrrpOffset + 4] & 0xFF;
        AuthType type = AuthType.ofCode(code);
        if (type == null) {
            return reject(DecodeError.BAD_AUTH_TYPE, "auth type " + code);
        }
        Authentication auth = rules.authentication();
        if (type != auth.type()) {
            return reject(DecodeError.AUTH_MISMATCH, "auth type " + type + ", expected " + auth.type());
        }
        if (type == AuthType.PASS) {
            byte[] password = Arrays.copyOfRange(datagram, received - Wire.AUTH_DATA_LEN, received);
            if (!MessageDigest.isEqual(password, auth.key())) {
                return reject(DecodeError.AUTH_FAILURE, "invalid password");
            }
        } else if (type == AuthType.AH) {
            if ((datagram[ihl] & 0xFF) != Wire.IPPROTO_VRRP) {
                return reject(DecodeError.AH_NOT_VRRP, "AH next header " + (datagram[ihl] & 0xFF));
            }
            if (!IpsecAh.verify(datagram, ihl, received, rules.unicast(), auth.key())) {
                return reject(DecodeError.AUTH_FAILURE, "invalid IPSEC HMAC-MD5 value");
            }
            if (u32(datagram, ihl + 4) != u32(datagram, 12)) {
                return reject(DecodeError.AH_BAD_SPI, "AH SPI " + u32(datagram, ihl + 4) + " is not the source");
            }
        }
        return null;
    }

    private DecodeResult finish(byte[] data, int vrrpOffset, int count, IpFamily family, InetAddress source,
                                InetAddress destination, int ttl, OptionalLong ahSequence) {
        if (destination.isMulticastAddress() == rules.unicast()) {
            return reject(DecodeError.CAST_MISMATCH, rules.unicast()
                    ? "multicast advert on a unicast instance" : "unicast advert on a multicast instance");
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        int at = vrrpOffset + Wire.VRRP_HEADER_LEN;
        for (int i = 0; i < count; i++, at += family.addressLength()) {
            addresses.add(family == IpFamily.IPV4 ? ipv4(data, at) : ipv6(data, at));
        }
        int interval = rules.version() == VrrpVersion.V2
                ? data[vrrpOffset + 5] & 0xFF
                : u16(data, vrrpOffset + 4) & 0x0FFF; // the top 4 bits are reserved: ignored on receipt
        AuthType authType = rules.version() == VrrpVersion.V2
                ? AuthType.ofCode(data[vrrpOffset + 4] & 0xFF) : AuthType.NONE;
        Advert advert = new Advert(rules.version(), family, data[vrrpOffset + 1] & 0xFF,
                data[vrrpOffset + 2] & 0xFF, interval, authType, addresses);
        return new DecodeResult.Decoded(new ReceivedAdvert(advert, source, destination, ttl, ahSequence));
    }

    private static VrrpVersion versionOf(byte versType) {
        return ((versType & 0xF0) >> 4) == 2 ? VrrpVersion.V2 : VrrpVersion.V3;
    }

    private static DecodeResult reject(DecodeError error, String detail) {
        return new DecodeResult.Rejected(error, detail);
    }

    private static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    private static Inet4Address ipv4(byte[] b, int at) {
        return (Inet4Address) address(Arrays.copyOfRange(b, at, at + 4));
    }

    private static Inet6Address ipv6(byte[] b, int at) {
        byte[] raw = Arrays.copyOfRange(b, at, at + 16);
        try {
            // without a scope id: IPv4-mapped bytes would otherwise come back as an Inet4Address
            return Inet6Address.getByAddress(null, raw, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }
}
