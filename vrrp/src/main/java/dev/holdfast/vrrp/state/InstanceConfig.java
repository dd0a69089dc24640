package dev.holdfast.vrrp.state;

import dev.holdfast.vrrp.packet.IpFamily;
import dev.holdfast.vrrp.packet.VrrpVersion;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the state machine needs of one {@code vrrp_instance}, with defaults already resolved (by config/ and
 * {@link InstanceCompletion}). Ranges are keepalived's.
 *
 * @param initialState BACKUP or MASTER, the {@code state} keyword; when it is not configured keepalived uses
 *                     MASTER for priority 255 and BACKUP otherwise, and the caller must resolve it so
 * @param basePriority 1..255; 255 is the address owner
 * @param advertIntervalCentis the instance's advert_int in centiseconds (whole seconds for VRRPv2)
 * @param primaryAddress the address adverts are sent from; it breaks equal-priority ties
 * @param vips the advertised addresses, in advert order
 * @param unicastPeers empty for multicast
 */
public record InstanceConfig(
        String name,
        VrrpVersion version,
        IpFamily family,
        int vrid,
        int basePriority,
        int advertIntervalCentis,
        VrrpState initialState,
        InetAddress primaryAddress,
        List<InetAddress> vips,
        boolean nopreempt,
        Duration preemptDelay,
        int downTimerAdverts,
        boolean lowerPrioNoAdvert,
        boolean higherPrioSendAdvert,
        boolean ownerIgnoreAdverts,
        boolean skipCheckAdvAddr,
        int garpMasterRepeat,
        Duration garpMasterDelay,
        int garpLowerPrioRepeat,
        Duration garpLowerPrioDelay,
        List<InetAddress> unicastPeers,
        boolean checkUnicastSource,
        boolean strict,
        Duration garpMasterRefresh,
        int garpMasterRefreshRepeat) {

    public InstanceConfig {
        Objects.requireNonNull(name);
        Objects.requireNonNull(version);
        Objects.requireNonNull(family);
        Objects.requireNonNull(initialState);
        Objects.requireNonNull(primaryAddress);
        Objects.requireNonNull(preemptDelay);
        Objects.requireNonNull(garpMasterDelay);
        Objects.requireNonNull(garpLowerPrioDelay);
        Objects.requireNonNull(garpMasterRefresh);
        vips = List.copyOf(vips);
        unicastPeers = List.copyOf(unicastPeers);
        check(vrid >= 1 && vrid <= 255, "virtual_router_id " + vrid + " outside 1..255");
        check(basePriority >= 1 && basePriority <= 255, "priority " + basePriority + " outside 1..255");
        if (version == VrrpVersion.V2) {
            check(advertIntervalCentis >= 100 && advertIntervalCentis <= 25500 && advertIntervalCentis % 100 == 0,
                    "VRRPv2 advert_int must be whole seconds 1..255, got " + advertIntervalCentis + "cs");
            check(family == IpFamily.IPV4, "VRRPv2 is IPv4 only");
        } else {
            check(advertIntervalCentis >= 1 && advertIntervalCentis <= 4095,
                    "VRRPv3 advert_int must be 0.01..40.95 s, got " + advertIntervalCentis + "cs");
        }
        check(initialState == VrrpState.BACKUP || initialState == VrrpState.MASTER,
                "initial state must be BACKUP or MASTER");
        check(IpFamily.of(primaryAddress) == family, "source address family differs from the instance's");
        for (InetAddress vip : vips) {
            check(IpFamily.of(vip) == family, "VIP " + vip.getHostAddress() + " is not " + family);
        }
        check(vips.size() <= 255, "more than 255 VIPs");
        check(!preemptDelay.isNegative() && preemptDelay.compareTo(Duration.ofSeconds(1000)) <= 0,
                "preempt_delay outside 0..1000 s");
        check(downTimerAdverts >= 1 && downTimerAdverts <= 100, "down_timer_adverts outside 1..100");
        check(garpMasterRepeat >= 0 && garpLowerPrioRepeat >= 0 && garpMasterRefreshRepeat >= 0,
                "negative GARP repeat");
        check(!garpMasterRefresh.isNegative(), "negative garp_master_refresh");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public boolean owner() {
        return basePriority == EffectivePriority.OWNER;
    }

    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** keepalived's defaults for the optional keywords. */
    public static Builder builder(String name, VrrpVersion version, int vrid, InetAddress primaryAddress) {
        return new Builder(name, version, vrid, primaryAddress);
    }

    /** Builds configs for tests and for the config/ adapter; defaults are keepalived's. */
    public static final class Builder {
        private String name;
        private VrrpVersion version;
        private IpFamily family;
        private int vrid;
        private int basePriority = 100;
        private int advertIntervalCentis = 100;
        private VrrpState initialState = VrrpState.BACKUP;
        private InetAddress primaryAddress;
        private List<InetAddress> vips = new ArrayList<>();
        private boolean nopreempt;
        private Duration preemptDelay = Duration.ZERO;
        private int downTimerAdverts = 3;
        private boolean lowerPrioNoAdvert;
        private boolean higherPrioSendAdvert;
        private boolean ownerIgnoreAdverts;
        private boolean skipCheckAdvAddr;
        private int garpMasterRepeat = 5;
        private Duration garpMasterDelay = Duration.ofSeconds(5);
        private Duration garpMasterRefresh = Duration.ZERO;
        private int garpMasterRefreshRepeat = 1;
        private int garpLowerPrioRepeat;
        private Duration garpLowerPrioDelay = Duration.ZERO;
        private List<InetAddress> unicastPeers = new ArrayList<>();
        private boolean checkUnicastSource;
        private boolean strict;

        private Builder(String name, VrrpVersion version, int vrid, InetAddress primaryAddress) {
            this.name = name;
            this.version = version;
            this.vrid = vrid;
            this.primaryAddress = primaryAddress;
            this.family = IpFamily.of(primaryAddress);
        }

        private Builder(InstanceConfig c) {
            name = c.name;
            version = c.version;
            family = c.family;
            vrid = c.vrid;
            basePriority = c.basePriority;
            advertIntervalCentis = c.advertIntervalCentis;
            initialState = c.initialState;
            primaryAddress = c.primaryAddress;
            vips = new ArrayList<>(c.vips);
            nopreempt = c.nopreempt;
            preemptDelay = c.preemptDelay;
            downTimerAdverts = c.downTimerAdverts;
            lowerPrioNoAdvert = c.lowerPrioNoAdvert;
            higherPrioSendAdvert = c.higherPrioSendAdvert;
            ownerIgnoreAdverts = c.ownerIgnoreAdverts;
            skipCheckAdvAddr = c.skipCheckAdvAddr;
            garpMasterRepeat = c.garpMasterRepeat;
            garpMasterDelay = c.garpMasterDelay;
            garpMasterRefresh = c.garpMasterRefresh;
            garpMasterRefreshRepeat = c.garpMasterRefreshRepeat;
            garpLowerPrioRepeat = c.garpLowerPrioRepeat;
            garpLowerPrioDelay = c.garpLowerPrioDelay;
            unicastPeers = new ArrayList<>(c.unicastPeers);
            checkUnicastSource = c.checkUnicastSource;
            strict = c.strict;
        }

        public Builder version(VrrpVersion v) {
            version = v;
            return this;
        }

        public Builder priority(int p) {
            basePriority = p;
            return this;
        }

        public Builder advertIntervalCentis(int centis) {
            advertIntervalCentis = centis;
            return this;
        }

        public Builder initialState(VrrpState s) {
            initialState = s;
            return this;
        }

        public Builder vips(List<InetAddress> v) {
            vips = new ArrayList<>(v);
            return this;
        }

        public Builder nopreempt(boolean b) {
            nopreempt = b;
            return this;
        }

        public Builder preemptDelay(Duration d) {
            preemptDelay = d;
            return this;
        }

        public Builder downTimerAdverts(int n) {
            downTimerAdverts = n;
            return this;
        }

        public Builder lowerPrioNoAdvert(boolean b) {
            lowerPrioNoAdvert = b;
            return this;
        }

        public Builder higherPrioSendAdvert(boolean b) {
            higherPrioSendAdvert = b;
            return this;
        }

        public Builder ownerIgnoreAdverts(boolean b) {
            ownerIgnoreAdverts = b;
            return this;
        }

        public Builder skipCheckAdvAddr(boolean b) {
            skipCheckAdvAddr = b;
            return this;
        }

        public Builder garpMaster(int repeat, Duration delay) {
            garpMasterRepeat = repeat;
            garpMasterDelay = delay;
            return this;
        }

        /** keepalived's garp_master_refresh (0 = never) and garp_master_refresh_repeat. */
        public Builder garpMasterRefresh(Duration interval, int repeat) {
            garpMasterRefresh = interval;
            garpMasterRefreshRepeat = repeat;
            return this;
        }

        public Builder garpLowerPrio(int repeat, Duration delay) {
            garpLowerPrioRepeat = repeat;
            garpLowerPrioDelay = delay;
            return this;
        }

        public Builder unicastPeers(List<InetAddress> peers, boolean checkSource) {
            unicastPeers = new ArrayList<>(peers);
            checkUnicastSource = checkSource;
            return this;
        }

        public Builder strict(boolean b) {
            strict = b;
            return this;
        }

        public InstanceConfig build() {
            return new InstanceConfig(name, version, family, vrid, basePriority, advertIntervalCentis, initialState,
                    primaryAddress, vips, nopreempt, preemptDelay, downTimerAdverts, lowerPrioNoAdvert,
                    higherPrioSendAdvert, ownerIgnoreAdverts, skipCheckAdvAddr, garpMasterRepeat, garpMasterDelay,
                    garpLowerPrioRepeat, garpLowerPrioDelay, unicastPeers, checkUnicastSource, strict,
                    garpMasterRefresh, garpMasterRefreshRepeat);
        }
    }
}
