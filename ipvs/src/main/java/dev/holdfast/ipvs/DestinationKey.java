package dev.holdfast.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/** What identifies a destination within its service: address and port. */
public record DestinationKey(InetAddress address, int port) {
    public DestinationKey {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return Addresses.withPort(address, port);
    }

    // written out: a record's generated equals and hashCode go through method handles, slower than the comparison
    // itself on the tens of thousands of keys of a large table
    @Override
    public boolean equals(Object o) {
        return o instanceof DestinationKey k && k.port == port && k.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + port;
    }
}
