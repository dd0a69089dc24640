package dev.holdfast.ipvs;

/**
 * Traffic counters of a service or destination (IPVS_STATS_ATTR_*, 64-bit). Totals since creation and
 * the kernel's current rate estimates (per second).
 */
public record Stats(long connections, long inPackets, long outPackets, long inBytes, long outBytes,
                    long connectionRate, long inPacketRate, long outPacketRate, long inByteRate, long outByteRate) {
    public static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
