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
}
