package dev.holdfast.config.model;

/** lvs_method: how IPVS forwards to a real server, with the tunnel details for TUN. */
public record Forwarding(Method method, TunnelType tunnelType, Integer tunnelPort, TunnelChecksum checksum) {
    public enum Method { NAT, DR, TUN }

    public enum TunnelType { ipip, gue, gre }

    public enum TunnelChecksum { nocsum, csum, remcsum }

    public static final Forwarding NAT = new Forwarding(Method.NAT, null, null, null);

    public static Forwarding of(Method m) {
        return m == Method.TUN ? new Forwarding(m, TunnelType.ipip, null, TunnelChecksum.nocsum)
                : new Forwarding(m, null, null, null);
    }
}
