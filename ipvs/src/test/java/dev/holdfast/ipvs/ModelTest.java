package dev.holdfast.ipvs;

import static dev.holdfast.ipvs.Fixtures.ip;
import static dev.holdfast.ipvs.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void mhAndShFlagsShareBits() {
        assertThat(ServiceFlag.MH_PORT).isSameAs(ServiceFlag.SH_PORT).isSameAs(ServiceFlag.SCHED_2);
        assertThat(ServiceFlag.MH_FALLBACK).isSameAs(ServiceFlag.SH_FALLBACK);
        assertThat(ServiceFlag.SCHED_1.nameFor("mh")).isEqualTo("mh-fallback");
        assertThat(ServiceFlag.SCHED_1.nameFor("sh")).isEqualTo("sh-fallback");
        assertThat(ServiceFlag.SCHED_1.nameFor("wrr")).isEqualTo("flag-1");
        Service s = Service.of(tcp("10.0.0.1", 80), "mh").withFlags(Set.of(ServiceFlag.MH_FALLBACK, ServiceFlag.MH_PORT));
        assertThat(s.flagBits()).isEqualTo(0x18);
        assertThat(Service.flagsOf(0x18 | 0x2)).containsExactlyInAnyOrder(ServiceFlag.SCHED_1, ServiceFlag.SCHED_2);
    }

    @Test
    void persistenceSetsTheFlagAndTimeout() {
        Service s = Service.of(tcp("10.0.0.1", 0), "rr").withPersistence(360);
        assertThat(s.persistent()).isTrue();
        assertThat(s.timeout()).isEqualTo(360);
        assertThat(s.withPersistence(0).persistent()).isFalse();
    }

    @Test
    void servicesValidateWhatTheKernelWouldRefuse() {
        assertThatThrownBy(() -> Service.of(tcp("10.0.0.1", 80), "a-very-long-scheduler"))
                .hasMessageContaining("scheduler name");
        assertThatThrownBy(() -> Service.of(tcp("10.0.0.1", 80), "rr").withNetmask(33)).hasMessageContaining("/33");
        assertThatThrownBy(() -> Service.of(tcp("2001:db8::1", 80), "rr").withNetmask(0)).hasMessageContaining("/0");
        assertThatThrownBy(() -> ServiceKey.fwmark(0, Family.INET)).hasMessageContaining("fwmark");
        assertThatThrownBy(() -> Destination.of(ip("10.0.0.1"), 80, Forwarding.DR, -1)).hasMessageContaining("weight");
    }

    @Test
    void keysPrintTheWayOperatorsWriteThem() {
        assertThat(tcp("10.0.0.1", 80)).hasToString("TCP 10.0.0.1:80");
        assertThat(ServiceKey.of(Protocol.UDP, ip("2001:db8:0:0:1:0:0:1"), 53)).hasToString("UDP [2001:db8::1:0:0:1]:53");
        assertThat(ServiceKey.fwmark(9, Family.INET6)).hasToString("FWM 9 IPv6");
        assertThat(Addresses.format(ip("::"))).isEqualTo("::");
        assertThat(Addresses.format(ip("::1"))).isEqualTo("::1");
        assertThat(Addresses.format(ip("fe80::1:0:0:0"))).isEqualTo("fe80::1:0:0:0");
        assertThat(Addresses.format(ip("2001:db8:1:1:1:1:1:1"))).isEqualTo("2001:db8:1:1:1:1:1:1");
        assertThat(Addresses.format(ip("2001:0:0:1::1"))).isEqualTo("2001:0:0:1::1");
    }

    @Test
    void tableEqualityIgnoresOrder() {
        Service a = Service.of(tcp("10.0.0.1", 80), "rr");
        Service b = Service.of(tcp("10.0.0.2", 80), "rr");
        Destination d1 = Fixtures.dr("192.168.0.1", 80, 1);
        Destination d2 = Fixtures.dr("192.168.0.2", 80, 1);
        assertThat(IpvsTable.builder().service(a, d1, d2).service(b).build())
                .isEqualTo(IpvsTable.builder().service(b).service(a, d2, d1).build())
                .isNotEqualTo(IpvsTable.builder().service(a, d1).service(b).build());
    }

    @Test
    void aBuilderChangedAfterBuildLeavesTheBuiltTableAsItWas() {
        Service web = Service.of(tcp("10.0.0.1", 80), "wrr");
        IpvsTable.Builder b = IpvsTable.builder().service(web, Fixtures.dr("192.168.0.1", 80, 1));
        IpvsTable first = b.build();
        assertThat(b.build()).isSameAs(first);
        IpvsTable second = b.destination(web.key(), Fixtures.dr("192.168.0.2", 80, 2))
                .service(Service.of(tcp("10.0.0.2", 80), "rr")).build();
        assertThat(first.size()).isEqualTo(1);
        assertThat(first.destinations(web.key())).hasSize(1);
        assertThat(second.size()).isEqualTo(2);
        assertThat(second.destinations(web.key())).hasSize(2);
        assertThatThrownBy(() -> first.destinations(web.key()).add(Fixtures.dr("192.168.0.3", 80, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
