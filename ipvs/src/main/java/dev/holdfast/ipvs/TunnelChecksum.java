package dev.holdfast.ipvs;

/** Tunnel checksum mode (IP_VS_TUNNEL_ENCAP_FLAG_*): none, outer checksum, or remote checksum offload. */
public enum TunnelChecksum {
    NOCSUM(0),
    CSUM(1),
    REMCSUM(2);

    private final int bits;

    TunnelChecksum(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public static TunnelChecksum ofBits(int bits) {
        if ((bits & REMCSUM.bits) != 0) {
            return REMCSUM;
        }
        return (bits & CSUM.bits) != 0 ? CSUM : NOCSUM;
    }
}
