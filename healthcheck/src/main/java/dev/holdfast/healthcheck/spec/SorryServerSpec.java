package dev.holdfast.healthcheck.spec;

import java.net.InetAddress;
import java.util.Objects;

/**
 * sorry_server: put in the pool (weight 1) instead of the real servers while the quorum is lost.
 *
 * @param inhibit sorry_server_inhibit: keep it in IPVS with weight 0 while it is not in use
 */
public record SorryServerSpec(InetAddress address, int port, ForwardingMethod forwarding, boolean inhibit) {
    public SorryServerSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
        Ports.check(port);
    }
}
