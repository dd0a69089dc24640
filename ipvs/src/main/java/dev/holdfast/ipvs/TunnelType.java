package dev.holdfast.ipvs;

/** Tunnel encapsulation for TUN forwarding (IP_VS_CONN_F_TUNNEL_TYPE_*), in kernel numbering order. */
public enum TunnelType {
    IPIP,
    GUE,
    GRE;

    public int number() {
        return ordinal();
    }

    public static TunnelType ofNumber(int number) {
        if (number < 0 || number >= values().length) {
            throw new IllegalArgumentException("unknown tunnel type " + number);
        }
        return values()[number];
    }
}
