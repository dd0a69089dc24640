package dev.holdfast.healthcheck.lvs;

import dev.holdfast.healthcheck.spec.ServiceAddress;
import java.util.List;
import java.util.Objects;

/**
 * The full set of destinations one virtual server should have right now, in configuration order (real servers,
 * then the sorry server). Emitted whenever it changes; the IPVS module diffs it against the kernel.
 *
 * @param serviceActive false once the virtual server has shut down: the service itself should go
 */
public record DesiredDestinations(ServiceAddress service, boolean serviceActive, List<Destination> destinations) {
    public DesiredDestinations {
        Objects.requireNonNull(service, "service");
        destinations = List.copyOf(Objects.requireNonNull(destinations, "destinations"));
    }
}
