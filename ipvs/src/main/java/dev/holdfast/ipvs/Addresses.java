package dev.holdfast.ipvs;

import dev.holdfast.config.model.IpAddress;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Formats addresses the way ipvsadm and operators write them: IPv6 compressed and bracketed with a port. */
final class Addresses {
    private Addresses() {}

    static String format(InetAddress address) {
        return address instanceof Inet6Address ? IpAddress.formatIpv6(address.getAddress())
                : address.getHostAddress();
    }

    static String withPort(InetAddress address, int port) {
        return appendWithPort(new StringBuilder(24), address, port).toString();
    }

    /** Appends "a.b.c.d:port" or "[v6]:port" (the common IPv4 case without an intermediate string). */
    static StringBuilder appendWithPort(StringBuilder b, InetAddress address, int port) {
        if (address instanceof Inet6Address) {
            b.append('[').append(IpAddress.formatIpv6(address.getAddress())).append(']');
        } else {
            byte[] q = address.getAddress();
            b.append(q[0] & 0xff).append('.').append(q[1] & 0xff).append('.').append(q[2] & 0xff).append('.')
                    .append(q[3] & 0xff);
        }
        return b.append(':').append(port);
    }
}
