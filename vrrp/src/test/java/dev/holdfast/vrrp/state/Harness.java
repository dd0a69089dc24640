package dev.holdfast.vrrp.state;

import dev.holdfast.vrrp.packet.Advert;
import dev.holdfast.vrrp.packet.AuthType;
import dev.holdfast.vrrp.packet.ReceivedAdvert;
import dev.holdfast.vrrp.packet.VrrpVersion;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** A VRRP instance on a fake clock with its actions recorded. */
final class Harness {
    static final InetAddress SELF = ip("10.0.0.2");
    static final InetAddress LOWER_PEER = ip("10.0.0.1");
    static final InetAddress HIGHER_PEER = ip("10.0.0.3");
    static final InetAddress GROUP = ip("224.0.0.18");
    static final List<InetAddress> VIPS = List.of(ip("10.0.0.100"), ip("10.0.0.101"));

    final FakeScheduler clock = new FakeScheduler();
    final List<Action> actions = new ArrayList<>();
    final VrrpInstance instance;

    Harness(InstanceConfig config) {
        this(config, SyncGate.NONE);
    }

    Harness(InstanceConfig config, SyncGate gate) {
        instance = new VrrpInstance(config, clock, actions::add, gate);
    }

    static InstanceConfig.Builder v2() {
        return InstanceConfig.builder("VI_1", VrrpVersion.V2, 51, SELF).vips(VIPS);
    }

    static InstanceConfig.Builder v3() {
        return InstanceConfig.builder("VI_1", VrrpVersion.V3, 51, SELF).vips(VIPS);
    }

    static Harness started(InstanceConfig.Builder b) {
        Harness h = new Harness(b.build());
        h.instance.handle(new Event.Start());
        return h;
    }

    VrrpState state() {
        return instance.state();
    }

    /** An advert as the instance's peer would send it: same VRID, interval and VIPs. */
    ReceivedAdvert advert(int priority, InetAddress from) {
        InstanceConfig c = instance.config();
        int interval = c.version() == VrrpVersion.V2 ? c.advertIntervalCentis() / 100 : c.advertIntervalCentis();
        return advert(new Advert(c.version(), c.family(), c.vrid(), priority, interval, AuthType.NONE, c.vips()),
                from);
    }

    static ReceivedAdvert advert(Advert a, InetAddress from) {
        return new ReceivedAdvert(a, from, GROUP, 255, OptionalLong.empty());
    }

    void receive(ReceivedAdvert r) {
        instance.handle(new Event.AdvertReceived(r));
    }

    void receive(Advert a, InetAddress from) {
        receive(advert(a, from));
    }

    void receive(int priority, InetAddress from) {
        receive(advert(priority, from));
    }

    List<Action> take() {
        List<Action> copy = List.copyOf(actions);
        actions.clear();
        return copy;
    }

    long advertsSent() {
        return actions.stream().filter(a -> a instanceof Action.SendAdvert).count();
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
