package dev.holdfast.vrrp.runtime;

import dev.holdfast.config.model.GlobalDefs;
import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.model.VirtualAddress;
import dev.holdfast.config.model.VrrpInstance;
import dev.holdfast.vrrp.packet.Advert;
import dev.holdfast.vrrp.packet.AuthType;
import dev.holdfast.vrrp.packet.Authentication;
import dev.holdfast.vrrp.packet.ChecksumMode;
import dev.holdfast.vrrp.packet.DecodeRules;
import dev.holdfast.vrrp.packet.IpFamily;
import dev.holdfast.vrrp.packet.VrrpVersion;
import dev.holdfast.vrrp.state.InstanceCompletion;
import dev.holdfast.vrrp.state.InstanceConfig;
import dev.holdfast.vrrp.state.VrrpState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One configured vrrp_instance made ready to run: the state machine's {@link InstanceConfig} (after
 * keepalived's completion rules), how its adverts are encoded and checked, where they go, and the VIPs to
 * install. Built from the config model, where every default is already resolved.
 *
 * @param interfaceName the interface adverts are sent and received on
 * @param group the multicast group to join, null for a unicast instance
 * @param destinations the multicast group, or every unicast peer
 * @param ttl TTL of sent adverts: 255 for multicast, unicast_ttl for unicast
 * @param vips the virtual_ipaddress entries followed by virtual_ipaddress_excluded ones (installed, not
 *             advertised), for the VIP layer (dev, prefix, brd, scope, label)
 */
record InstancePlan(
        InstanceConfig config,
        Authentication authentication,
        DecodeRules rules,
        ChecksumMode checksumMode,
        String interfaceName,
        Inet4Address group,
        List<Inet4Address> destinations,
        int ttl,
        List<VirtualAddress> vips,
        boolean dontTrackPrimary,
        List<TrackedInterface> trackInterfaces,
        List<String> warnings) {

    /**
     * A track_interface: weight 0 is FAULT while it is down (or, reversed, while it is up); otherwise the
     * weight moves the priority (see {@link LinkWatcher}).
     */
    record TrackedInterface(String name, int weight, boolean reverse) {
    }

    /** Thrown when an instance cannot run; the message says which and why. */
    static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message);
        }
    }

    /**
     * @param primaryAddress the interface's first IPv4 address (keepalived's default advert source), or
     *                       null when it has none
     */
    static InstancePlan of(VrrpInstance m, GlobalDefs global, Function<String, Inet4Address> primaryAddress) {
        String n = "vrrp_instance " + m.name() + ": ";
        if ("inet6".equals(m.family())) {
            throw new Unusable(n + "IPv6 instances are not supported by the holdfast VRRP runtime yet");
        }
        if (m.iface() == null) {
            throw new Unusable(n + "an interface is needed (unicast without interface is not supported yet)");
        }
        if (m.useVmac() != null) {
            throw new Unusable(n + "use_vmac is not supported by the holdfast VRRP runtime yet");
        }
        VrrpVersion version = m.version() == 3 ? VrrpVersion.V3 : VrrpVersion.V2;
        boolean unicast = !m.unicastPeer().isEmpty();
        IpAddress configuredSource = unicast ? m.unicastSrcIp() : m.mcastSrcIp();
        if (configuredSource == null && unicast) {
            configuredSource = m.mcastSrcIp();
        }
        Inet4Address source;
        if (configuredSource != null) {
            source = ipv4(configuredSource, n + "source address");
        } else {
            source = primaryAddress.apply(m.iface());
            if (source == null) {
                throw new Unusable(n + "interface " + m.iface() + " has no IPv4 address to send adverts from");
            }
        }
        List<InetAddress> vips = new ArrayList<>();
        for (VirtualAddress v : m.virtualIpaddress()) {
            vips.add(ipv4(v.ip(), n + "virtual_ipaddress"));
        }
        List<InetAddress> peers = new ArrayList<>();
        List<Inet4Address> destinations = new ArrayList<>();
        for (VrrpInstance.UnicastPeer p : m.unicastPeer()) {
            Inet4Address peer = ipv4(p.ip(), n + "unicast_peer");
            peers.add(peer);
            destinations.add(peer);
        }
        Inet4Address group = null;
        if (!unicast) {
            group = ipv4(m.mcastDstIp() != null ? m.mcastDstIp() : global.vrrpMcastGroup4(), n + "mcast_dst_ip");
            destinations.add(group);
        }
        int centis = (int) (m.advertInt().micros() / 10_000);
        VrrpInstance.Garp garp = m.garp();
        InstanceConfig.Builder b = InstanceConfig.builder(m.name(), version, m.virtualRouterId(), source)
                .priority(m.priority())
                .advertIntervalCentis(centis)
                .initialState(m.state() == VrrpInstance.State.MASTER ? VrrpState.MASTER : VrrpState.BACKUP)
                .vips(vips)
                .nopreempt(m.nopreempt())
                .preemptDelay(Duration.ofNanos(m.preemptDelay().micros() * 1000))
                .downTimerAdverts(m.downTimerAdverts())
                .lowerPrioNoAdvert(m.lowerPrioNoAdvert())
                .higherPrioSendAdvert(m.higherPrioSendAdvert())
                .ownerIgnoreAdverts(m.ownerIgnoreAdverts())
                .skipCheckAdvAddr(m.skipCheckAdvAddr())
                .garpMaster(garp.masterRepeat(), Duration.ofNanos(garp.masterDelay().micros() * 1000))
                .garpLowerPrio(garp.lowerPrioRepeat(), Duration.ofNanos(garp.lowerPrioDelay().micros() * 1000))
                .garpMasterRefresh(Duration.ofNanos(garp.masterRefresh().micros() * 1000), garp.masterRefreshRepeat())
                .unicastPeers(peers, m.checkUnicastSrc())
                .strict(m.strictMode());
        InstanceConfig raw;
        try {
            raw = b.build();
        } catch (IllegalArgumentException e) {
            throw new Unusable(n + e.getMessage());
        }
        Authentication auth = Authentication.NONE;
        if (m.authentication() != null && version == VrrpVersion.V2) {
            String pass = m.authentication().authPass();
            if (pass == null || pass.isEmpty()) {
                throw new Unusable(n + "authentication without auth_pass");
            }
            auth = "AH".equals(m.authentication().authType()) ? Authentication.ah(pass) : Authentication.pass(pass);
        }
        List<TrackedInterface> tracked = new ArrayList<>();
        List<String> extraWarnings = new ArrayList<>();
        for (VrrpInstance.Tracked t : m.trackInterface()) {
            tracked.add(new TrackedInterface(t.name(), t.weight() == null ? 0 : t.weight(), t.reverse()));
        }
        if (!m.virtualRoutes().isEmpty() || !m.virtualRules().isEmpty()) {
            extraWarnings.add(n + "virtual_routes and virtual_rules are not supported by the holdfast VRRP runtime "
                    + "yet; ignored");
        }
        InstanceCompletion.Completed completed = InstanceCompletion.complete(raw, auth.type() != AuthType.NONE);
        if (!completed.usable()) {
            throw new Unusable(n + String.join("; ", completed.warnings()));
        }
        if (m.strictMode()) {
            auth = Authentication.NONE;
        }
        ChecksumMode mode = global.v3ChecksumAsV2() ? ChecksumMode.V2_STYLE : ChecksumMode.PSEUDO_HEADER;
        DecodeRules rules = new DecodeRules(version, IpFamily.IPV4, auth, mode, unicast);
        return new InstancePlan(completed.config(), auth, rules, mode, m.iface(), group,
                List.copyOf(destinations), unicast ? m.unicastTtl() : 255, installed(m),
                m.dontTrackPrimary(), List.copyOf(tracked), concat(completed.warnings(), extraWarnings));
    }

    private static List<VirtualAddress> installed(VrrpInstance m) {
        List<VirtualAddress> all = new ArrayList<>(m.virtualIpaddress());
        all.addAll(m.virtualIpaddressExcluded());
        return List.copyOf(all);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** The advert template this instance sends (its priority is replaced on every send). */
    Advert template() {
        int interval = config.version() == VrrpVersion.V2 ? config.advertIntervalCentis() / 100
                : config.advertIntervalCentis();
        return new Advert(config.version(), IpFamily.IPV4, config.vrid(), config.basePriority(), interval,
                authentication.type(), config.vips());
    }

    /** The raw socket protocol: AH instances send and receive IP protocol 51. */
    int protocol() {
        return authentication.type() == AuthType.AH ? VrrpSocket.IPPROTO_AH : VrrpSocket.IPPROTO_VRRP;
    }

    private static Inet4Address ipv4(IpAddress a, String what) {
        if (a == null || a.ipv6()) {
            throw new Unusable(what + " " + a + " is not an IPv4 address");
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(a.bytes());
        } catch (UnknownHostException e) {
            throw new Unusable(what + " " + a + ": " + e.getMessage());
        }
    }
}
