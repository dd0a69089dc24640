package dev.holdfast.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A real server of a virtual service as the kernel holds it. Its address family may differ from the
 * service's only with tunnel forwarding; the family sent to the kernel is {@link #family()}.
 *
 * @param weight 0..2^31-1; 0 quiesces the destination without removing it
 * @param upperThreshold connection limit (0 = none)
 * @param lowerThreshold connections below which an overloaded destination is used again (0 = none)
 */
public record Destination(InetAddress address, int port, Forwarding forwarding, int weight, long upperThreshold,
                          long lowerThreshold) {
    public Destination {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (weight < 0) {
            throw new IllegalArgumentException("weight must not be negative: " + weight);
        }
        if (upperThreshold < 0 || upperThreshold > 0xffffffffL || lowerThreshold < 0 || lowerThreshold > 0xffffffffL) {
            throw new IllegalArgumentException("thresholds must be 0..2^32-1");
        }
    }

    public static Destination of(InetAddress address, int port, Forwarding forwarding, int weight) {
        return new Destination(address, port, forwarding, weight, 0, 0);
    }

    public DestinationKey key() {
        return new DestinationKey(address, port);
    }

    public Family family() {
        return Family.of(address);
    }

    public Destination withWeight(int newWeight) {
        return new Destination(address, port, forwarding, newWeight, upperThreshold, lowerThreshold);
    }

    public Destination withForwarding(Forwarding newForwarding) {
        return new Destination(address, port, newForwarding, weight, upperThreshold, lowerThreshold);
    }

    public Destination withThresholds(long upper, long lower) {
        return new Destination(address, port, forwarding, weight, upper, lower);
    }

    // written out: a record's generated equals and hashCode go through method handles, slower than the comparison
    // itself when a large table is compared with the kernel's
    @Override
    public boolean equals(Object o) {
        return o instanceof Destination d && d.port == port && d.weight == weight
                && d.upperThreshold == upperThreshold && d.lowerThreshold == lowerThreshold
                && d.address.equals(address) && sameForwarding(d.forwarding, forwarding);
    }

    /** Two methods without parameters are equal when of one kind; only tunnels have more to compare. */
    private static boolean sameForwarding(Forwarding a, Forwarding b) {
        return a == b || a.getClass() == b.getClass() && (!(a instanceof Forwarding.Tunnel) || a.equals(b));
    }

    @Override
    public int hashCode() {
        int h = address.hashCode() * 31 + port;
        h = h * 31 + forwarding.method();
        h = h * 31 + weight;
        return h * 31 + Long.hashCode(upperThreshold * 31 + lowerThreshold);
    }
}
