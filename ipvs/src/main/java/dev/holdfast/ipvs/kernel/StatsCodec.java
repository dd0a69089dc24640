package dev.holdfast.ipvs.kernel;

import static dev.holdfast.ipvs.kernel.IpvsConstants.*;

import dev.holdfast.ipvs.Stats;
import dev.holdfast.netlink.Attribute;
import dev.holdfast.netlink.Attributes;
import dev.holdfast.netlink.PayloadWriter;
import java.util.Optional;

/**
 * Service and destination counters. Kernels since 4.1 send IPVS_*_ATTR_STATS64 (all u64); older ones only
 * the 32-bit IPVS_*_ATTR_STATS, read as a fallback.
 */
final class StatsCodec {
    private StatsCodec() {}

    static Stats read(Attributes owner, int stats32Type, int stats64Type) {
        Optional<Attribute> s64 = owner.get(stats64Type);
        if (s64.isPresent()) {
            Attributes a = s64.get().nested();
            return new Stats(u64(a, IPVS_STATS_ATTR_CONNS), u64(a, IPVS_STATS_ATTR_INPKTS), u64(a, IPVS_STATS_ATTR_OUTPKTS),
                    u64(a, IPVS_STATS_ATTR_INBYTES), u64(a, IPVS_STATS_ATTR_OUTBYTES), u64(a, IPVS_STATS_ATTR_CPS),
                    u64(a, IPVS_STATS_ATTR_INPPS), u64(a, IPVS_STATS_ATTR_OUTPPS), u64(a, IPVS_STATS_ATTR_INBPS),
                    u64(a, IPVS_STATS_ATTR_OUTBPS));
        }
        Optional<Attribute> s32 = owner.get(stats32Type);
        if (s32.isEmpty()) {
            return Stats.ZERO;
        }
        Attributes a = s32.get().nested();
        return new Stats(u32(a, IPVS_STATS_ATTR_CONNS), u32(a, IPVS_STATS_ATTR_INPKTS), u32(a, IPVS_STATS_ATTR_OUTPKTS),
                u64(a, IPVS_STATS_ATTR_INBYTES), u64(a, IPVS_STATS_ATTR_OUTBYTES), u32(a, IPVS_STATS_ATTR_CPS),
                u32(a, IPVS_STATS_ATTR_INPPS), u32(a, IPVS_STATS_ATTR_OUTPPS), u32(a, IPVS_STATS_ATTR_INBPS),
                u32(a, IPVS_STATS_ATTR_OUTBPS));
    }

    /** Writes counters as the kernel does (used by test kernels). */
    static void write64(PayloadWriter w, int type, Stats s) {
        int n = w.beginNested(type);
        w.putU64(IPVS_STATS_ATTR_CONNS, s.connections()).putU64(IPVS_STATS_ATTR_INPKTS, s.inPackets())
                .putU64(IPVS_STATS_ATTR_OUTPKTS, s.outPackets()).putU64(IPVS_STATS_ATTR_INBYTES, s.inBytes())
                .putU64(IPVS_STATS_ATTR_OUTBYTES, s.outBytes()).putU64(IPVS_STATS_ATTR_CPS, s.connectionRate())
                .putU64(IPVS_STATS_ATTR_INPPS, s.inPacketRate()).putU64(IPVS_STATS_ATTR_OUTPPS, s.outPacketRate())
                .putU64(IPVS_STATS_ATTR_INBPS, s.inByteRate()).putU64(IPVS_STATS_ATTR_OUTBPS, s.outByteRate());
        w.endNested(n);
    }

    private static long u64(Attributes a, int type) {
        return a.get(type).map(Attribute::u64).orElse(0L);
    }

    private static long u32(Attributes a, int type) {
        return a.get(type).map(Attribute::u32AsLong).orElse(0L);
    }
}
