package dev.holdfast.daemon.observe;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Label values as operators read them in logs and ipvsadm: "10.0.0.5:80", "[2001:db8::5]:80". */
final class Labels {
    private Labels() {
    }

    static String endpoint(InetAddress address, int port) {
        String host = address.getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        if (address instanceof Inet6Address) {
            host = dev.holdfast.config.model.IpAddress.formatIpv6(address.getAddress());
            return "[" + host + "]:" + port;
        }
        return host + ":" + port;
    }

    /** "HTTP_GET" of "HTTP_GET [10.0.0.5]:tcp:80". */
    static String checkerType(String checkerName) {
        int sp = checkerName.indexOf(' ');
        return sp < 0 ? checkerName : checkerName.substring(0, sp);
    }

    /** "[10.0.0.5]:tcp:80" of "HTTP_GET [10.0.0.5]:tcp:80"; empty if the name has no target. */
    static String checkerTarget(String checkerName) {
        int sp = checkerName.indexOf(' ');
        return sp < 0 ? "" : checkerName.substring(sp + 1);
    }
}
