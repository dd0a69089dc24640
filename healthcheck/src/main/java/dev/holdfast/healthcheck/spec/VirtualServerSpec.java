package dev.holdfast.healthcheck.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One virtual_server block, resolved.
 *
 * @param quorum         minimum sum of live real-server weights for the service to be up (already capped by the
 *                       config module to the total weight)
 * @param hysteresis     flap damper around the quorum (already forced below quorum)
 * @param omega          at shutdown, report quorum_down and every live server's notify_down
 * @param haSuspend      checkers pause while the virtual address is not configured locally
 * @param rsInitNotifies global rs_init_notifies: report real servers that start up as UP at startup
 */
public record VirtualServerSpec(ServiceAddress address, long quorum, long hysteresis, boolean omega,
                                boolean haSuspend, boolean rsInitNotifies, Optional<SorryServerSpec> sorryServer,
                                List<RealServerSpec> realServers) {
    public VirtualServerSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(sorryServer, "sorryServer");
        realServers = List.copyOf(Objects.requireNonNull(realServers, "realServers"));
        if (quorum < 1 || quorum > 0xffff_ffffL) {
            throw new IllegalArgumentException("quorum out of range 1..4294967295: " + quorum);
        }
        if (hysteresis < 0 || hysteresis >= quorum) {
            throw new IllegalArgumentException("hysteresis must lie within 0..quorum-1: " + hysteresis);
        }
    }
}
