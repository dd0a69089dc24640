package dev.holdfast.vrrp.packet;

import java.net.InetAddress;
import java.util.OptionalLong;

/**
 * An advert as received: its fields plus what the IP layer said about it.
 *
 * @param ttl the TTL/hop limit, or -1 when the socket did not report it
 * @param ahSequence the IPSEC-AH sequence number when the advert came with keepalived's AH header
 */
public record ReceivedAdvert(
        Advert advert,
        InetAddress source,
        InetAddress destination,
        int ttl,
        OptionalLong ahSequence) {

    public boolean multicast() {
        return destination.isMulticastAddress();
    }
}
