package dev.holdfast.healthcheck.lvs;

import dev.holdfast.healthcheck.spec.ForwardingMethod;
import dev.holdfast.healthcheck.spec.TextualAddress;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One IPVS destination as the health checker wants it. Weight 0 means "present but quiesced"
 * (inhibit_on_failure, sorry_server_inhibit); an absent destination is not in the list at all.
 *
 * @param sorryServer this entry is the virtual server's sorry_server
 */
public record Destination(InetAddress address, int port, long weight, ForwardingMethod forwarding,
                          long upperThreshold, long lowerThreshold, boolean sorryServer) {
    public Destination {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(forwarding, "forwarding");
        if (weight < 0 || weight > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("weight out of range 0..2147483647: " + weight);
        }
    }

    @Override
    public String toString() {
        String host = TextualAddress.of(address);
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + " w=" + weight + " " + forwarding
                + (sorryServer ? " (sorry)" : "");
    }
}
