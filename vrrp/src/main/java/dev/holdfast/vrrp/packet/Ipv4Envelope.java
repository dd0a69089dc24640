package dev.holdfast.vrrp.packet;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * The IPv4 header fields keepalived chooses itself when it sends with IP_HDRINCL.
 *
 * @param identification keepalived numbers its adverts 1, 2, ... (never 0, which the kernel would replace)
 * @param ahSequence the IPSEC-AH sequence number; ignored unless the authentication is AH
 */
public record Ipv4Envelope(
        Inet4Address source,
        Inet4Address destination,
        int ttl,
        int identification,
        long ahSequence) {

    public Ipv4Envelope {
        Objects.requireNonNull(source);
        Objects.requireNonNull(destination);
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl " + ttl);
        }
        if (identification < 0 || identification > 0xFFFF) {
            throw new IllegalArgumentException("identification " + identification);
        }
        if (ahSequence < 0 || ahSequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("AH sequence " + ahSequence);
        }
    }

    /** Whether the advert goes to a unicast peer: keepalived then also zeroes the TTL in the AH ICV. */
    public boolean unicast() {
        return !destination.isMulticastAddress();
    }
}
