package dev.holdfast.vrrp.state;

import dev.holdfast.vrrp.packet.ReceivedAdvert;

/** What can happen to an instance. Timer expiries are internal: the instance schedules them itself. */
public sealed interface Event {

    /** Leave INIT: to BACKUP, to MASTER at once for an address owner that starts as MASTER, or to FAULT. */
    record Start() implements Event {
    }

    /** A decoded advert for this instance's family and socket (the VRID is checked here). */
    record AdvertReceived(ReceivedAdvert advert) implements Event {
    }

    /** A tracker without weight went down (interface, script, file, ...): FAULT while any is down. */
    record TrackerDown(String tracker) implements Event {
    }

    /** A tracker that was down is up again. */
    record TrackerUp(String tracker) implements Event {
    }

    /** The sum of the weights weighted trackers currently contribute. */
    record WeightsChanged(int weightSum) implements Event {
    }

    /** Another member of this instance's sync group became MASTER: a BACKUP follows it at once. */
    record SyncMaster() implements Event {
    }

    /** Another member of this instance's sync group went back to BACKUP: a MASTER follows it. */
    record SyncBackup() implements Event {
    }

    /** Shutdown or removal on reload: a master sends a priority-0 advert and drops its VIPs. */
    record Stop() implements Event {
    }

    /**
     * A reload keeps this instance (keepalived's match: VRID, family, interface, unicast or multicast): it falls
     * silent without a priority-0 advert, without touching its VIPs and without a state change, because the
     * instance built from the new configuration resumes from its state (see {@link VrrpInstance#resumeAs}).
     */
    record Handover() implements Event {
    }
}
