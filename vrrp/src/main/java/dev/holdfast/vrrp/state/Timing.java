package dev.holdfast.vrrp.state;

import dev.holdfast.vrrp.packet.VrrpVersion;

/**
 * keepalived's VRRP timer arithmetic (vrrp.h VRRP_TIMER_SKEW / VRRP_MS_DOWN_TIMER), in microseconds and with
 * its integer rounding, so a holdfast backup takes over at the same moment a keepalived one would.
 */
final class Timing {
    static final long MICROS_PER_SECOND = 1_000_000;
    static final long MICROS_PER_CENTI = 10_000;

    private Timing() {
    }

    /**
     * Skew_Time: VRRPv3 ((256 - prio) x Master_Adver_Interval) / 256 (RFC 5798 6.1); VRRPv2 (256 - prio) / 256
     * seconds whatever the advert interval (RFC 3768 6.1).
     *
     * @param priorityTerm 256 - priority (or 1 for keepalived's minimum skew)
     */
    static long skewMicros(VrrpVersion version, int priorityTerm, int masterIntervalCentis) {
        if (version == VrrpVersion.V3) {
            // keepalived: pri * (adver_int / TIMER_CENTI_HZ) * 625 / 16, i.e. pri * centis * 10000 / 256
            return priorityTerm * (long) masterIntervalCentis * 625 / 16;
        }
        return priorityTerm * MICROS_PER_SECOND / 256;
    }

    /** Master_Down_Interval = down_timer_adverts x Master_Adver_Interval + Skew_Time. */
    static long masterDownMicros(VrrpVersion version, int downTimerAdverts, int masterIntervalCentis,
                                 int priority) {
        return downTimerAdverts * centisToMicros(masterIntervalCentis)
                + skewMicros(version, 256 - priority, masterIntervalCentis);
    }

    static long centisToMicros(int centis) {
        return centis * MICROS_PER_CENTI;
    }
}
