package dev.holdfast.vrrp.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.vrrp.packet.Capture;
import dev.holdfast.vrrp.packet.DecodeError;
import dev.holdfast.vrrp.packet.DecodeResult;
import dev.holdfast.vrrp.packet.IpFamily;
import dev.holdfast.vrrp.packet.RejectCounts;
import dev.holdfast.vrrp.packet.ReceivedAdvert;
import dev.holdfast.vrrp.state.Action;
import dev.holdfast.vrrp.state.Event;
import dev.holdfast.vrrp.state.InstanceConfig;
import dev.holdfast.vrrp.state.Scheduler;
import dev.holdfast.vrrp.state.VrrpInstance;
import dev.holdfast.vrrp.state.VrrpState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertDispatcherTest {
    /** Time stands still: these tests are about routing only. */
    private static final Scheduler FROZEN = new Scheduler() {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return () -> { };
        }
    };

    private final RejectCounts counts = new RejectCounts();
    private final List<Action> actions = new ArrayList<>();

    private VrrpInstance backupFor(String file) throws Exception {
        Capture c = Capture.load(file).get(0);
        ReceivedAdvert r = ((DecodeResult.Decoded) c.decode()).advert();
        InetAddress self = InetAddress.getByName(c.family() == IpFamily.IPV4 ? "192.168.77.2" : "fe80::ff:fe00:2");
        VrrpInstance i = new VrrpInstance(InstanceConfig.builder(file, r.advert().version(), r.advert().vrid(), self)
                .vips(r.advert().addresses()).advertIntervalCentis(r.advert().intervalCentis()).priority(10).build(),
                FROZEN, actions::add);
        i.handle(new Event.Start());
        actions.clear();
        return i;
    }

    @Test
    void eachInstanceGetsItsVridWithItsOwnRules() throws Exception {
        AdvertDispatcher d = new AdvertDispatcher(IpFamily.IPV4, counts);
        VrrpInstance pass = backupFor("v2-pass");
        VrrpInstance ah = backupFor("v2-ah");
        d.register(pass, Capture.rulesFor("v2-pass"));
        d.register(ah, Capture.rulesFor("v2-ah"));
        for (String file : List.of("v2-pass", "v2-ah", "v2-none")) {
            Capture.load(file).forEach(c -> d.receiveIpv4(c.datagram()));
        }
        assertThat(actions).noneMatch(a -> a instanceof Action.AdvertIgnored);
        assertThat(pass.lastMasterSource()).isEqualTo(InetAddress.getByName("192.168.77.1"));
        assertThat(ah.lastMasterSource()).isEqualTo(InetAddress.getByName("192.168.77.1"));
        assertThat(counts.snapshot()).containsOnlyKeys(DecodeError.UNKNOWN_VRID); // the v2-none VRID 52
        assertThat(pass.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void refusedPacketsAreCounted() throws Exception {
        AdvertDispatcher d = new AdvertDispatcher(IpFamily.IPV4, counts);
        d.register(backupFor("v2-pass"), Capture.rulesFor("v2-none")); // wrong rules: no password expected
        byte[] packet = Capture.load("v2-pass").get(0).datagram();
        d.receiveIpv4(packet);
        d.receiveIpv4(Arrays.copyOf(packet, 10));
        assertThat(counts.get(DecodeError.AUTH_MISMATCH)).isEqualTo(1);
        assertThat(counts.get(DecodeError.TRUNCATED)).isEqualTo(1);
    }

    @Test
    void ipv6PacketsRouteToo() throws Exception {
        AdvertDispatcher d = new AdvertDispatcher(IpFamily.IPV6, counts);
        VrrpInstance v6 = backupFor("v3-ipv6");
        d.register(v6, Capture.rulesFor("v3-ipv6"));
        Capture c = Capture.load("v3-ipv6").get(0);
        ReceivedAdvert r = ((DecodeResult.Decoded) c.decode()).advert();
        d.receiveIpv6(Arrays.copyOfRange(c.datagram(), 40, c.datagram().length),
                new dev.holdfast.vrrp.packet.Ipv6Envelope((java.net.Inet6Address) r.source(),
                        (java.net.Inet6Address) r.destination(), 255));
        assertThat(v6.lastMasterPriority()).isEqualTo(200);
        assertThat(counts.total()).isZero();
    }

    @Test
    void oneInstancePerVrid() throws Exception {
        AdvertDispatcher d = new AdvertDispatcher(IpFamily.IPV4, counts);
        d.register(backupFor("v2-pass"), Capture.rulesFor("v2-pass"));
        VrrpInstance again = backupFor("v2-pass");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.register(again, Capture.rulesFor("v2-pass")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
