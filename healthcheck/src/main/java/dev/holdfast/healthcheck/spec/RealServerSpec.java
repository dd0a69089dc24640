package dev.holdfast.healthcheck.spec;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One real_server block, resolved.
 *
 * @param weight           configured IPVS weight, 0..INT32_MAX
 * @param inhibitOnFailure keep the server in IPVS with weight 0 while it is down instead of removing it
 * @param upperThreshold   uthreshold (0 = none), passed through to IPVS
 * @param lowerThreshold   lthreshold (0 = none), passed through to IPVS
 * @param checkers         none means the server is always up
 */
public record RealServerSpec(InetAddress address, int port, long weight, ForwardingMethod forwarding,
                             boolean inhibitOnFailure, long upperThreshold, long lowerThreshold,
                             List<CheckerSpec> checkers) {
    public RealServerSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
        Ports.check(port);
        if (weight < 0 || weight > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("weight out of range 0..2147483647: " + weight);
        }
        checkers = List.copyOf(Objects.requireNonNull(checkers, "checkers"));
    }
}
