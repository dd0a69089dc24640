package dev.holdfast.vrrp.packet;

import java.net.Inet4Address;
import java.net.InetAddress;

/** The address family of an instance: one family per instance, its VIPs and its adverts. */
public enum IpFamily {
    IPV4(4),
    IPV6(16);

    private final int addressLength;

    IpFamily(int addressLength) {
        this.addressLength = addressLength;
    }

    /** Bytes per address in the advert's address list. */
    public int addressLength() {
        return addressLength;
    }

    public static IpFamily of(InetAddress address) {
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }
}
