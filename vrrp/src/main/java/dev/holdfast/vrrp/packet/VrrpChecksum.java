package dev.holdfast.vrrp.packet;

import java.net.InetAddress;

/** The VRRP checksum over a VRRP packet, with the pseudo-header its version, family and mode call for. */
final class VrrpChecksum {
    private VrrpChecksum() {
    }

    /**
     * The checksum of {@code length} bytes at {@code offset}; 0 when they already hold a valid checksum.
     */
    static int compute(VrrpVersion version, ChecksumMode mode, InetAddress source, InetAddress destination,
                       byte[] data, int offset, int length) {
        InternetChecksum sum = new InternetChecksum();
        if (version == VrrpVersion.V3) {
            byte[] src = source.getAddress();
            byte[] dst = destination.getAddress();
            if (src.length == 16) {
                // RFC 2460 8.1: src, dst, 32-bit upper-layer length, 3 zero bytes, next header
                sum.add(src).add(dst).addWord(length >>> 16).addWord(length).addWord(Wire.IPPROTO_VRRP);
            } else if (mode == ChecksumMode.PSEUDO_HEADER) {
                sum.add(src).add(dst).addWord(Wire.IPPROTO_VRRP).addWord(length);
            }
        }
        return sum.add(data, offset, length).value();
    }
}
