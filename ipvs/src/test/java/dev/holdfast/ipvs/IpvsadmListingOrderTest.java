package dev.holdfast.ipvs;

import static dev.holdfast.ipvs.Fixtures.ip;
import static dev.holdfast.ipvs.Fixtures.nat;
import static dev.holdfast.ipvs.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ipvsadm -L sorts what the kernel dumps (libipvs ipvs_cmp_services / ipvs_cmp_dests through glibc qsort); holdfast's
 * listing must come out in the same order. Found in the lab: the kernel dumps services in hash order and destinations
 * newest first, and holdfast printed that order while ipvsadm printed its sorted one.
 */
class IpvsadmListingOrderTest {
    private static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static IpvsadmListing.Entry entry(ServiceKey key, Destination... dests) {
        List<IpvsadmListing.Row> rows = java.util.Arrays.stream(dests)
                .map(d -> new IpvsadmListing.Row(d, 0, 0, ZERO)).toList();
        return new IpvsadmListing.Entry(Service.of(key, "rr"), ZERO, rows);
    }

    private static List<String> names(List<IpvsadmListing.Entry> entries) {
        return entries.stream().map(e -> IpvsadmListing.serviceName(e.service().key())).toList();
    }

    @Test
    void servicesSortAsIpvsadmDoes() {
        List<IpvsadmListing.Entry> kernel = List.of(
                entry(ServiceKey.fwmark(12, Family.INET)),
                entry(ServiceKey.of(Protocol.SCTP, ip("10.3.0.3"), 3868)),
                entry(tcp("10.1.0.14", 80)),
                entry(ServiceKey.fwmark(11, Family.INET6)),
                entry(tcp("2001:db8::1", 80)),
                entry(ServiceKey.of(Protocol.UDP, ip("10.3.0.1"), 53)),
                entry(tcp("10.1.0.2", 80)),
                entry(tcp("10.1.0.2", 8)),
                entry(ServiceKey.of(Protocol.UDP, ip("2001:db8::2"), 53)),
                entry(ServiceKey.fwmark(10, Family.INET)));
        assertEquals(List.of("TCP  10.1.0.2:8", "TCP  10.1.0.2:80", "TCP  10.1.0.14:80", "UDP  10.3.0.1:53",
                "SCTP 10.3.0.3:3868", "TCP  [2001:db8::1]:80", "UDP  [2001:db8::2]:53", "FWM  10", "FWM  11 IPv6",
                "FWM  12"), names(IpvsadmListing.ipvsadmOrder(kernel)));
    }

    @Test
    void addressesMoreThanHalfTheSpaceApartCompareAsCIntSubtraction() {
        // 0x0a000001 - 0xc0a8c801 wraps to a positive int in C: ipvsadm lists 192.168.200.1 before 10.0.0.1.
        List<IpvsadmListing.Entry> kernel = List.of(entry(tcp("10.0.0.1", 8080)), entry(tcp("192.168.200.1", 1358)),
                entry(tcp("10.0.0.2", 80)));
        assertEquals(List.of("TCP  192.168.200.1:1358", "TCP  10.0.0.1:8080", "TCP  10.0.0.2:80"),
                names(IpvsadmListing.ipvsadmOrder(kernel)));
    }

    @Test
    void destinationsSortByAddressThenPort() {
        List<IpvsadmListing.Entry> kernel = List.of(entry(tcp("10.3.0.1", 53), nat("192.168.4.2", 5353, 1),
                nat("192.168.4.1", 53, 1), nat("192.168.4.1", 52, 1)));
        List<String> dests = IpvsadmListing.ipvsadmOrder(kernel).get(0).destinations().stream()
                .map(r -> IpvsadmListing.destinationName(r.destination())).toList();
        assertEquals(List.of("192.168.4.1:52", "192.168.4.1:53", "192.168.4.2:5353"), dests);
    }
}
