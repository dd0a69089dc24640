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
        Attributes a = owner.nested(stats64Type);
        if (a != null) {
            return new Stats(a.u64(IPVS_STATS_ATTR_CONNS, 0), a.u64(IPVS_STATS_ATTR_INPKTS, 0),
                    a.u64(IPVS_STATS_ATTR_OUTPKTS, 0), a.u64(IPVS_STATS_ATTR_INBYTES, 0),
                    a.u64(IPVS_STATS_ATTR_OUTBYTES, 0), a.u64(IPVS_STATS_ATTR_CPS, 0), a.u64(IPVS_STATS_ATTR_INPPS, 0),
                    a.u64(IPVS_STATS_ATTR_OUTPPS, 0), a.u64(IPVS_STATS_ATTR_INBPS, 0), a.u64(IPVS_STATS_ATTR_OUTBPS, 0));
        }
        a = owner.nested(stats32Type);
        if (a == null) {
            return Stats.ZERO;
        }
        return new Stats(a.u32AsLong(IPVS_STATS_ATTR_CONNS, 0), a.u32AsLong(IPVS_STATS_ATTR_INPKTS, 0),
                a.u32AsLong(IPVS_STATS_ATTR_OUTPKTS, 0), a.u64(IPVS_STATS_ATTR_INBYTES, 0),
                a.u64(IPVS_STATS_ATTR_OUTBYTES, 0), a.u32AsLong(IPVS_STATS_ATTR_CPS, 0),
                a.u32AsLong(IPVS_STATS_ATTR_INPPS, 0), a.u32AsLong(IPVS_STATS_ATTR_OUTPPS, 0),
                a.u32AsLong(IPVS_STATS_ATTR_INBPS, 0), a.u32AsLong(IPVS_STATS_ATTR_OUTBPS, 0));
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

}
