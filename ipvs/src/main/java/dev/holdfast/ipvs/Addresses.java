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
        String a = format(address);
        return (address instanceof Inet6Address ? "[" + a + "]" : a) + ":" + port;
    }
}
