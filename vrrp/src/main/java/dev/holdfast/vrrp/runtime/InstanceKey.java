package dev.holdfast.vrrp.runtime;

import dev.holdfast.config.model.GlobalDefs;
import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.model.VrrpInstance;

/**
 * Who a vrrp_instance is to its peers, and so what a reload matches on (keepalived's {@code vrrp_exist}): the VRID,
 * the address family, the configured interface, unicast or multicast, and the unicast source address or the
 * multicast group. The name is not part of it: renaming an instance keeps it, changing its VRID makes a new one.
 *
 * @param endpoint the unicast_src_ip (empty when the interface's address is used) or the multicast group
 */
public record InstanceKey(int vrid, boolean ipv6, String iface, boolean unicast, String endpoint) {

    public static InstanceKey of(VrrpInstance m, GlobalDefs global) {
        boolean ipv6 = "inet6".equals(m.family());
        boolean unicast = !m.unicastPeer().isEmpty();
        IpAddress endpoint;
        if (unicast) {
            endpoint = m.unicastSrcIp();
        } else if (m.mcastDstIp() != null) {
            endpoint = m.mcastDstIp();
        } else {
            endpoint = ipv6 ? global.vrrpMcastGroup6() : global.vrrpMcastGroup4();
        }
        return new InstanceKey(m.virtualRouterId(), ipv6, String.valueOf(m.iface()), unicast,
                endpoint == null ? "" : endpoint.text());
    }

    /** For log lines: {@code VRID 51 on eth0 (unicast from 10.0.0.1)}. */
    @Override
    public String toString() {
        String how = unicast ? "unicast" + (endpoint.isEmpty() ? "" : " from " + endpoint) : "multicast " + endpoint;
        return "VRID " + vrid + (ipv6 ? " IPv6" : "") + " on " + iface + " (" + how + ")";
    }
}
