package dev.holdfast.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What identifies a virtual service in the kernel: protocol + address + port, or firewall mark +
 * address family. Two services with the same key are the same service.
 */
public sealed interface ServiceKey permits ServiceKey.Address, ServiceKey.Fwmark {

    Family family();

    static Address of(Protocol protocol, InetAddress address, int port) {
        return new Address(protocol, address, port);
    }

    static Fwmark fwmark(long mark, Family family) {
        return new Fwmark(mark, family);
    }

    /** A TCP, UDP or SCTP service on one address and port (port 0 only for persistent services). */
    record Address(Protocol protocol, InetAddress address, int port) implements ServiceKey {
        public Address {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(address, "address");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        @Override
        public Family family() {
            return Family.of(address);
        }

        @Override
        public boolean equals(Object o) {
            // written out: a record's generated equals and hashCode go through method handles, slower than the
            // comparison itself on the tens of thousands of keys of a large table
            return o instanceof Address a && a.port == port && a.protocol == protocol && a.address.equals(address);
        }

        @Override
        public int hashCode() {
            return (address.hashCode() * 31 + port) * 31 + protocol.hashCode();
        }

        @Override
        public String toString() {
            return protocol + " " + Addresses.withPort(address, port);
        }
    }

    /** A service matching packets by firewall mark (1..2^32-1); the family says which packets. */
    record Fwmark(long mark, Family family) implements ServiceKey {
        public Fwmark {
            Objects.requireNonNull(family, "family");
            if (mark < 1 || mark > 0xffffffffL) {
                throw new IllegalArgumentException("fwmark out of range: " + mark);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fwmark f && f.mark == mark && f.family == family;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(mark) * 31 + family.hashCode();
        }

        @Override
        public String toString() {
            return "FWM " + mark + (family == Family.INET6 ? " IPv6" : "");
        }
    }
}
