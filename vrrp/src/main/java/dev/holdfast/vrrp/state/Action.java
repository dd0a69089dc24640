package dev.holdfast.vrrp.state;

import dev.holdfast.vrrp.packet.DecodeError;
import java.net.InetAddress;
import java.util.List;

/** What the state machine asks the outside world to do, in the order it must be done. */
public sealed interface Action {

    /** Send one advert with this priority (0 = "I am leaving, take over after your skew"). */
    record SendAdvert(int priority) implements Action {
    }

    /** Install the VIPs (and, for the layers that handle them, eVIPs, routes and rules). */
    record AddVips(List<InetAddress> vips) implements Action {
    }

    record RemoveVips(List<InetAddress> vips) implements Action {
    }

    /** Send {@code repeat} gratuitous ARPs / unsolicited NAs for every VIP. */
    record SendGarp(int repeat) implements Action {
    }

    /** Run notify scripts / write the FIFO: keepalived's notify with the new state and priority. */
    record StateChanged(VrrpState from, VrrpState to, int priority) implements Action {
    }

    /** A master heard a lower-priority master: keepalived's notify_master_rx_lower_pri. */
    record MasterReceivedLowerPriority(InetAddress from, int priority) implements Action {
    }

    /** The effective priority changed (FIFO MASTER_PRIORITY / BACKUP_PRIORITY events). */
    record PriorityChanged(int from, int to) implements Action {
    }

    /** An advert was not acted on; count it under its reason. */
    record AdvertIgnored(DecodeError reason, String detail) implements Action {
    }
}
