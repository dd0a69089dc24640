package dev.holdfast.config.bind;

import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.model.GlobalDefs;
import dev.holdfast.config.model.Seconds;
import dev.holdfast.config.model.VirtualAddress;
import dev.holdfast.config.model.VrrpInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds VRRP instances: global defaults, version and family from the addresses, strict-mode rules. */
final class VrrpResolver {
    private final Diagnostics diags;
    private final GlobalDefs global;

    VrrpResolver(Diagnostics diags, GlobalDefs global) {
        this.diags = diags;
        this.global = global;
    }

    VrrpInstance resolve(VrrpBuilders.Instance b) {
        String n = "vrrp_instance " + b.name;
        if (b.vrid == null) {
            diags.error(b.position, Kind.SEMANTIC, n + ": virtual_router_id is not set; the instance is ignored "
                    + "(as keepalived does)");
            return null;
        }
        boolean unicast = !b.peers.isEmpty();
        if (b.iface == null && !(unicast && b.unicastSrcIp != null)) {
            diags.error(b.position, Kind.SEMANTIC, n + ": no 'interface' (needed unless unicast with unicast_src_ip)");
        }
        List<VirtualAddress> vips = new ArrayList<>(b.vips);
        Boolean six = vips.isEmpty() ? null : vips.get(0).ip().ipv6();
        if (six != null) {
            List<VirtualAddress> other = vips.stream().filter(a -> a.ip().ipv6() != six).toList();
            if (!other.isEmpty()) {
                diags.error(b.position, Kind.SEMANTIC, n + ": virtual_ipaddress mixes IPv4 and IPv6; "
                        + other.size() + " address(es) of the other family ignored (use virtual_ipaddress_excluded)");
                vips.removeAll(other);
            }
        }
        boolean strict = b.strict != null ? b.strict : global.vrrpStrict();
        int version = b.version != null ? b.version : global.vrrpVersion();
        if (Boolean.TRUE.equals(six) && version == 2) {
            if (b.version != null) {
                diags.error(b.position, Kind.SEMANTIC, n + ": VRRP version 2 has no IPv6; version 3 used");
            }
            version = 3;
        }
        int priority = b.priority != null ? b.priority : 100;
        VrrpInstance.State state = b.state != null ? b.state : VrrpInstance.State.BACKUP;
        boolean nopreempt = b.nopreempt;
        long preemptDelay = b.preemptDelay != null ? b.preemptDelay : 0;
        if (state == VrrpInstance.State.MASTER && (nopreempt || preemptDelay > 0)) {
            diags.warning(b.position, Kind.SEMANTIC, n + ": state MASTER turns off nopreempt and preempt_delay "
                    + "(as keepalived does); use state BACKUP with them");
            nopreempt = false;
            preemptDelay = 0;
        }
        if (priority == 255 && nopreempt) {
            diags.error(b.position, Kind.SEMANTIC, n + ": the address owner (priority 255) cannot be nopreempt; "
                    + "nopreempt ignored");
            nopreempt = false;
        }
        long advert = b.advertInt != null ? b.advertInt : 1_000_000;
        if (version == 2 && advert % 1_000_000 != 0) {
            long rounded = Math.max(1, Math.round(advert / 1_000_000.0)) * 1_000_000;
            diags.warning(b.position, Kind.SEMANTIC, n + ": VRRPv2 advert_int is whole seconds; "
                    + Seconds.ofMicros(advert) + " rounded to " + Seconds.ofMicros(rounded));
            advert = rounded;
        } else if (version == 3 && advert % 10_000 != 0) {
            advert = Math.max(10_000, Math.round(advert / 10_000.0) * 10_000);
        }
        VrrpInstance.Authentication auth = null;
        if (b.authType != null || b.authPass != null) {
            if (version == 3) {
                diags.warning(b.position, Kind.SEMANTIC, n + ": VRRPv3 has no authentication; ignored");
            } else if (strict) {
                diags.error(b.position, Kind.SEMANTIC, n + ": authentication is not allowed with vrrp_strict; ignored");
            } else {
                if (b.authType == null) {
                    diags.error(b.position, Kind.SEMANTIC, n + ": authentication without auth_type; ignored");
                } else {
                    if ("AH".equals(b.authType) && state == VrrpInstance.State.MASTER) {
                        diags.warning(b.position, Kind.SEMANTIC, n + ": initial state MASTER is incompatible "
                                + "with AH authentication; BACKUP used (as keepalived does)");
                        state = VrrpInstance.State.BACKUP;
                    }
                    auth = new VrrpInstance.Authentication(b.authType, b.authPass == null ? "" : b.authPass);
                }
            }
        }
        boolean accept = b.accept != null ? b.accept : !strict || priority == 255;
        if (strict) {
            if (vips.isEmpty() && !b.noVip) {
                diags.error(b.position, Kind.SEMANTIC, n + ": vrrp_strict needs at least one virtual_ipaddress");
            }
            if (unicast) {
                diags.error(b.position, Kind.SEMANTIC, n + ": vrrp_strict does not allow unicast_peer");
            }
            if (state == VrrpInstance.State.MASTER && priority != 255) {
                diags.warning(b.position, Kind.SEMANTIC, n + ": with vrrp_strict only priority 255 may start as "
                        + "MASTER; BACKUP used (as keepalived does)");
                state = VrrpInstance.State.BACKUP;
            }
            if (preemptDelay > 0) {
                diags.error(b.position, Kind.SEMANTIC, n + ": vrrp_strict does not allow preempt_delay; ignored");
                preemptDelay = 0;
            }
        } else if (vips.isEmpty() && !b.noVip) {
            diags.warning(b.position, Kind.SEMANTIC, n + ": no virtual_ipaddress");
        }
        VrrpInstance.Garp g = global.vrrpGarp();
        long masterDelay = b.garpMasterDelay != null ? b.garpMasterDelay : g.masterDelay().micros();
        int masterRepeat = b.garpMasterRepeat != null ? b.garpMasterRepeat : g.masterRepeat();
        VrrpInstance.Garp garp = new VrrpInstance.Garp(Seconds.ofMicros(masterDelay), masterRepeat,
                b.garpLowerPrioDelay != null ? Seconds.ofMicros(b.garpLowerPrioDelay) : b.garpMasterDelay != null
                        ? Seconds.ofMicros(masterDelay) : g.lowerPrioDelay(),
                b.garpLowerPrioRepeat != null ? b.garpLowerPrioRepeat : b.garpMasterRepeat != null ? masterRepeat
                        : g.lowerPrioRepeat(),
                b.garpMasterRefresh != null ? Seconds.ofMicros(b.garpMasterRefresh) : g.masterRefresh(),
                b.garpMasterRefreshRepeat != null ? b.garpMasterRefreshRepeat : g.masterRefreshRepeat(),
                g.interval(), g.gnaInterval());
        boolean smtp = b.smtpAlert != null ? b.smtpAlert : global.smtpAlertVrrp() != null ? global.smtpAlertVrrp()
                : global.smtpAlert() != null ? global.smtpAlert() : false;
        String family = six == null ? null : six ? "inet6" : "inet";
        return new VrrpInstance(b.name, state, b.iface, b.vrid, priority, Seconds.ofMicros(advert), version, family,
                auth, List.copyOf(vips), List.copyOf(b.excluded), List.copyOf(b.routes), List.copyOf(b.rules),
                List.copyOf(b.trackInterface), List.copyOf(b.trackScript), List.copyOf(b.trackFile),
                List.copyOf(b.trackProcess), List.copyOf(b.trackBfd), b.unicastSrcIp, List.copyOf(b.peers),
                b.mcastSrcIp, b.mcastDstIp != null ? b.mcastDstIp : Boolean.TRUE.equals(six) ? global.vrrpMcastGroup6()
                : global.vrrpMcastGroup4(), nopreempt, Seconds.ofMicros(preemptDelay), accept, b.dontTrackPrimary,
                b.checkUnicastSrc || global.vrrpCheckUnicastSrc(), b.unicastTtl != null ? b.unicastTtl : 255,
                b.skipCheckAdvAddr != null ? b.skipCheckAdvAddr : global.vrrpSkipCheckAdvAddr(), strict,
                b.lowerPrioNoAdvert != null ? b.lowerPrioNoAdvert : strict || global.vrrpLowerPrioNoAdvert(),
                strict ? false : b.higherPrioSendAdvert != null ? b.higherPrioSendAdvert
                        : global.vrrpHigherPrioSendAdvert(),
                b.ownerIgnoreAdverts != null ? b.ownerIgnoreAdverts : strict || global.vrrpOwnerIgnoreAdverts(),
                strict ? 3 : b.downTimerAdverts != null ? b.downTimerAdverts : global.vrrpDownTimerAdverts(), garp,
                new VrrpInstance.Notify(b.notifyMaster, b.notifyBackup, b.notifyFault, b.notifyStop, b.notifyDeleted,
                        b.notify, b.notifyMasterRxLowerPri), smtp, b.promoteSecondaries, b.noVip, b.useVmac,
                Map.copyOf(b.other), b.position);
    }
}
