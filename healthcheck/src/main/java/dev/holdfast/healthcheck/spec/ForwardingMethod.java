package dev.holdfast.healthcheck.spec;

/**
 * How IPVS forwards to a destination (lvs_method). Tunnel encapsulation options (ipip/gue/gre, checksums) are
 * carried by the IPVS module's own model; the health checker only passes the method through.
 */
public enum ForwardingMethod {
    NAT,
    DR,
    TUN
}
