package dev.holdfast.ipvs.kernel;

import dev.holdfast.ipvs.Family;
import dev.holdfast.netlink.NetlinkDecodeException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Addresses in IPVS attributes: always a 16-byte union nf_inet_addr, IPv4 in the first four bytes. */
final class AddressCodec {
    private AddressCodec() {}

    static byte[] encode(InetAddress address) {
        return Arrays.copyOf(address.getAddress(), IpvsConstants.INET_ADDR_SIZE);
    }

    static InetAddress decode(byte[] raw, Family family) {
        int size = family == Family.INET ? 4 : 16;
        if (raw.length < size) {
            throw new NetlinkDecodeException("address attribute has " + raw.length + " bytes, " + family + " needs " + size);
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOf(raw, size));
        } catch (UnknownHostException e) {
            throw new NetlinkDecodeException("bad address: " + e.getMessage());
        }
    }

    static Family family(int number) {
        try {
            return Family.ofNumber(number);
        } catch (IllegalArgumentException e) {
            throw new NetlinkDecodeException(e.getMessage());
        }
    }
}
