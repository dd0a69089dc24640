package dev.holdfast.ipvs;

/**
 * Virtual service flags (IP_VS_SVC_F_* in linux/ip_vs.h). The three scheduler flags mean different
 * things to different schedulers: for sh and mh flag 1 is "fallback" and flag 2 is "port", so the
 * SH_* and MH_* names are aliases of the same constants, as in the kernel.
 */
public enum ServiceFlag {
    PERSISTENT(0x0001),
    ONE_PACKET(0x0004),
    SCHED_1(0x0008),
    SCHED_2(0x0010),
    SCHED_3(0x0020);

    /** sh: when the chosen destination is unavailable, pick another instead of dropping. */
    public static final ServiceFlag SH_FALLBACK = SCHED_1;
    /** sh: hash the source port as well as the source address. */
    public static final ServiceFlag SH_PORT = SCHED_2;
    /** mh: like SH_FALLBACK for the Maglev scheduler (same bit). */
    public static final ServiceFlag MH_FALLBACK = SCHED_1;
    /** mh: like SH_PORT for the Maglev scheduler (same bit). */
    public static final ServiceFlag MH_PORT = SCHED_2;

    private final int bit;

    ServiceFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** The keepalived / ipvsadm name of this flag for the given scheduler ("sh-port", "flag-3", ...). */
    public String nameFor(String scheduler) {
        return switch (this) {
            case PERSISTENT -> "persistent";
            case ONE_PACKET -> "ops";
            case SCHED_1 -> scheduler.equals("sh") || scheduler.equals("mh") ? scheduler + "-fallback" : "flag-1";
            case SCHED_2 -> scheduler.equals("sh") || scheduler.equals("mh") ? scheduler + "-port" : "flag-2";
            case SCHED_3 -> "flag-3";
        };
    }
}
