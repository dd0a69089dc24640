package dev.holdfast.healthcheck.socket;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** struct sockaddr_in / sockaddr_in6 for an address, as connect(2) and bind(2) take it; computed once per target. */
public final class SocketAddressBytes {
    private SocketAddressBytes() {
    }

    /** The address family (AF_INET or AF_INET6) of {@code address}. */
    public static int family(InetSocketAddress address) {
        return address.getAddress() instanceof Inet6Address ? Sys.AF_INET6 : Sys.AF_INET;
    }

    public static byte[] of(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        int port = address.getPort();
        byte[] out;
        if (address.getAddress() instanceof Inet4Address) {
            out = new byte[16];
            System.arraycopy(ip, 0, out, 4, 4);
        } else {
            out = new byte[28];
            System.arraycopy(ip, 0, out, 8, 16);
            int scope = ((Inet6Address) address.getAddress()).getScopeId();
            out[24] = (byte) scope;
            out[25] = (byte) (scope >>> 8);
            out[26] = (byte) (scope >>> 16);
            out[27] = (byte) (scope >>> 24);
        }
        int family = family(address);
        // sa_family is in host order (little-endian on every platform holdfast runs on), the port in network order
        out[0] = (byte) family;
        out[1] = (byte) (family >>> 8);
        out[2] = (byte) (port >>> 8);
        out[3] = (byte) port;
        return out;
    }
}
