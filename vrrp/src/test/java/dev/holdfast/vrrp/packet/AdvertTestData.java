package dev.holdfast.vrrp.packet;

import java.net.InetAddress;
import java.util.List;
import java.util.OptionalLong;

/** Adverts for state machine tests. */
public final class AdvertTestData {
    private AdvertTestData() {
    }

    public static Advert v2(int vrid, int priority, int seconds, List<InetAddress> vips) {
        return new Advert(VrrpVersion.V2, IpFamily.IPV4, vrid, priority, seconds, AuthType.NONE, vips);
    }

    public static Advert v3(int vrid, int priority, int centis, List<InetAddress> vips) {
        return new Advert(VrrpVersion.V3, IpFamily.of(vips.get(0)), vrid, priority, centis, AuthType.NONE, vips);
    }

    public static ReceivedAdvert received(Advert a, InetAddress from, InetAddress to, OptionalLong ahSequence) {
        return new ReceivedAdvert(a, from, to, 255, ahSequence);
    }
}
