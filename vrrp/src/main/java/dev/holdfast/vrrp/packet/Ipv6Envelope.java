package dev.holdfast.vrrp.packet;

import java.net.Inet6Address;
import java.util.Objects;

/**
 * What an IPv6 raw socket reports beside the VRRP payload (the kernel strips the IPv6 header).
 *
 * @param hopLimit from IPV6_HOPLIMIT ancillary data, or -1 when not reported (then not checked)
 */
public record Ipv6Envelope(Inet6Address source, Inet6Address destination, int hopLimit) {

    public Ipv6Envelope {
        Objects.requireNonNull(source);
        Objects.requireNonNull(destination);
        if (hopLimit < -1 || hopLimit > 255) {
            throw new IllegalArgumentException("hop limit " + hopLimit);
        }
    }
}
