package dev.holdfast.ipvs;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Short constructors for test tables. */
final class Fixtures {
    private Fixtures() {}

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ServiceKey tcp(String address, int port) {
        return ServiceKey.of(Protocol.TCP, ip(address), port);
    }

    static Destination dr(String address, int port, int weight) {
        return Destination.of(ip(address), port, Forwarding.DR, weight);
    }

    static Destination nat(String address, int port, int weight) {
        return Destination.of(ip(address), port, Forwarding.NAT, weight);
    }
}
