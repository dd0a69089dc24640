package dev.holdfast.vrrp.packet;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Builds adverts byte for byte as keepalived does. IPv4 adverts are whole datagrams (keepalived sends
 * with IP_HDRINCL; the header checksum, which the kernel fills in, is computed here too so the result is
 * what appears on the wire). IPv6 adverts are the VRRP packet alone: the kernel writes the IPv6 header.
 */
public final class AdvertEncoder {
    private AdvertEncoder() {
    }

    /**
     * The VRRP packet (header, addresses, and for IPv4 VRRPv2 the auth data) with its checksum.
     *
     * @param source the address the advert is sent from (VRRPv3 pseudo-header)
     * @param destination the multicast group or unicast peer (VRRPv3 pseudo-header)
     */
    public static byte[] vrrp(Advert advert, Authentication auth, ChecksumMode mode,
                              InetAddress source, InetAddress destination) {
        checkAuthentication(advert, auth);
        byte[] out = new byte[advert.vrrpLength()];
        writeVrrp(advert, auth, mode, source, destination, out, 0);
        return out;
    }

    /** A whole IPv4 datagram: IP header, keepalived's AH header if the auth is AH, VRRP packet. */
    public static byte[] ipv4(Advert advert, Authentication auth, ChecksumMode mode, Ipv4Envelope envelope) {
        if (advert.family() != IpFamily.IPV4) {
            throw new IllegalArgumentException("not an IPv4 advert");
        }
        checkAuthentication(advert, auth);
        boolean ah = auth.type() == AuthType.AH;
        int vrrpOffset = Wire.IPV4_HEADER_LEN + (ah ? Wire.AH_LEN : 0);
        byte[] out = new byte[vrrpOffset + advert.vrrpLength()];
        ByteBuffer b = ByteBuffer.wrap(out);
        b.put((byte) 0x45);
        b.put((byte) Wire.TOS_INTERNETWORK_CONTROL);
        b.putShort((short) out.length);
        b.putShort((short) envelope.identification());
        b.putShort((short) 0); // keepalived clears the fragment field, DF included
        b.put((byte) envelope.ttl());
        b.put((byte) (ah ? Wire.IPPROTO_AH : Wire.IPPROTO_VRRP));
        b.putShort((short) 0);
        b.put(envelope.source().getAddress());
        b.put(envelope.destination().getAddress());
        writeVrrp(advert, auth, mode, envelope.source(), envelope.destination(), out, vrrpOffset);
        if (ah) {
            b.put((byte) Wire.IPPROTO_VRRP);
            b.put((byte) Wire.AH_PAYLOAD_LEN);
            b.putShort((short) 0);
            // keepalived's SPI is the sender's address: unique per sender without any SA negotiation
            b.put(envelope.source().getAddress());
            b.putInt((int) envelope.ahSequence());
            byte[] icv = IpsecAh.icv(out, Wire.IPV4_HEADER_LEN, out.length, envelope.unicast(), auth.key());
            System.arraycopy(icv, 0, out, Wire.IPV4_HEADER_LEN + Wire.AH_ICV_OFFSET, Wire.AH_ICV_LEN);
        }
        int ipChecksum = new InternetChecksum().add(out, 0, Wire.IPV4_HEADER_LEN).value();
        out[10] = (byte) (ipChecksum >>> 8);
        out[11] = (byte) ipChecksum;
        return out;
    }

    private static void writeVrrp(Advert advert, Authentication auth, ChecksumMode mode,
                                  InetAddress source, InetAddress destination, byte[] out, int offset) {
        ByteBuffer b = ByteBuffer.wrap(out, offset, advert.vrrpLength());
        b.put((byte) ((advert.version().number() << 4) | Wire.TYPE_ADVERT));
        b.put((byte) advert.vrid());
        b.put((byte) advert.priority());
        b.put((byte) advert.addresses().size());
        if (advert.version() == VrrpVersion.V2) {
            b.put((byte) advert.authType().code());
            b.put((byte) advert.interval());
        } else {
            b.putShort((short) (advert.interval() & 0x0FFF)); // the 4 reserved bits go out as zero
        }
        b.putShort((short) 0);
        for (InetAddress a : advert.addresses()) {
            b.put(a.getAddress());
        }
        if (advert.version() == VrrpVersion.V2 && auth.type() == AuthType.PASS) {
            b.put(auth.key());
        }
        int sum = VrrpChecksum.compute(advert.version(), mode, source, destination, out, offset,
                advert.vrrpLength());
        out[offset + 6] = (byte) (sum >>> 8);
        out[offset + 7] = (byte) sum;
    }

    private static void checkAuthentication(Advert advert, Authentication auth) {
        if (advert.authType() != auth.type()) {
            throw new IllegalArgumentException("advert says auth " + advert.authType()
                    + " but the authentication given is " + auth.type());
        }
    }
}
