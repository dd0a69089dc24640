package dev.holdfast.vrrp.dispatch;

import dev.holdfast.vrrp.packet.AdvertDecoder;
import dev.holdfast.vrrp.packet.DecodeError;
import dev.holdfast.vrrp.packet.DecodeResult;
import dev.holdfast.vrrp.packet.DecodeRules;
import dev.holdfast.vrrp.packet.IpFamily;
import dev.holdfast.vrrp.packet.Ipv6Envelope;
import dev.holdfast.vrrp.packet.RejectCounts;
import dev.holdfast.vrrp.state.Event;
import dev.holdfast.vrrp.state.VrrpInstance;

/**
 * Routes the packets of one receive socket (one interface and family) to the instances on it, as
 * keepalived's {@code vrrp_dispatcher_read} does: the VRID is read first, because authentication, version
 * and checksum mode are per instance, then the packet is checked with that instance's rules. Everything
 * refused before reaching an instance is counted in the shared {@link RejectCounts}; what an instance
 * refuses comes out as its {@code AdvertIgnored} actions. Not thread-safe, like the instances.
 */
public final class AdvertDispatcher {
    private static final int VRID_OFFSET = 1;
    private static final int VRRP_HEADER_LEN = 8;
    private static final int AH_LEN = 24;
    private static final int IPPROTO_AH = 51;

    private final IpFamily family;
    private final RejectCounts counts;
    private final Route[] byVrid = new Route[256];

    private record Route(VrrpInstance instance, AdvertDecoder decoder, InstanceCounters counters) {
    }

    public AdvertDispatcher(IpFamily family, RejectCounts counts) {
        this.family = family;
        this.counts = counts;
    }

    /** One instance per VRID on a socket; keepalived refuses duplicates at config time. */
    public void register(VrrpInstance instance, DecodeRules rules) {
        register(instance, rules, new InstanceCounters());
    }

    /**
     * @param counters where this instance's received adverts and its VRID's refused packets are counted
     *                 (refusals are counted in the shared counts too)
     */
    public void register(VrrpInstance instance, DecodeRules rules, InstanceCounters counters) {
        int vrid = instance.config().vrid();
        if (rules.family() != family || instance.config().family() != family) {
            throw new IllegalArgumentException("instance " + instance.config().name() + " is not " + family);
        }
        if (byVrid[vrid] != null) {
            throw new IllegalArgumentException("VRID " + vrid + " already used by "
                    + byVrid[vrid].instance().config().name());
        }
        byVrid[vrid] = new Route(instance, new AdvertDecoder(rules), counters);
    }

    public void unregister(int vrid) {
        byVrid[vrid] = null;
    }

    /** A datagram from the IPv4 raw socket (IP header included). */
    public void receiveIpv4(byte[] datagram) {
        int vrrpOffset = ipv4VrrpOffset(datagram);
        if (vrrpOffset < 0) {
            counts.count(DecodeError.TRUNCATED);
            return;
        }
        Route route = route(datagram[vrrpOffset + VRID_OFFSET] & 0xFF);
        if (route != null) {
            deliver(route, route.decoder().decodeIpv4(datagram));
        }
    }

    /** A VRRP packet from the IPv6 raw socket, with what its ancillary data said. */
    public void receiveIpv6(byte[] vrrp, Ipv6Envelope envelope) {
        if (family != IpFamily.IPV6 || vrrp == null || vrrp.length < VRRP_HEADER_LEN) {
            counts.count(DecodeError.TRUNCATED);
            return;
        }
        Route route = route(vrrp[VRID_OFFSET] & 0xFF);
        if (route != null) {
            deliver(route, route.decoder().decodeIpv6(vrrp, envelope));
        }
    }

    private Route route(int vrid) {
        Route route = byVrid[vrid];
        if (route == null) {
            counts.count(DecodeError.UNKNOWN_VRID);
        }
        return route;
    }

    private void deliver(Route route, DecodeResult result) {
        if (result instanceof DecodeResult.Decoded d) {
            route.counters().advertReceived();
            route.instance().handle(new Event.AdvertReceived(d.advert()));
        } else if (result instanceof DecodeResult.Rejected r) {
            counts.count(r.error());
            route.counters().rejected(r.error());
        }
    }

    /** Where the VRRP header starts, or -1 if the datagram cannot hold one (keepalived vrrp_get_header). */
    private int ipv4VrrpOffset(byte[] d) {
        if (family != IpFamily.IPV4 || d == null || d.length < 20) {
            return -1;
        }
        int offset = (d[0] & 0x0F) * 4;
        if ((d[9] & 0xFF) == IPPROTO_AH) {
            offset += AH_LEN;
        }
        return d.length < offset + VRRP_HEADER_LEN ? -1 : offset;
    }
}
