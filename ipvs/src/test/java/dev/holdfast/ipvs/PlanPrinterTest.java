package dev.holdfast.ipvs;

import static dev.holdfast.ipvs.Fixtures.dr;
import static dev.holdfast.ipvs.Fixtures.ip;
import static dev.holdfast.ipvs.Fixtures.nat;
import static dev.holdfast.ipvs.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanPrinterTest {
    private static final ServiceKey WEB = tcp("10.0.0.1", 80);

    @Test
    void printsServicesLikeIpvsadm() {
        assertThat(PlanPrinter.line(new Operation.AddService(Service.of(WEB, "wrr")))).isEqualTo("-A -t 10.0.0.1:80 -s wrr");
        Service sh = Service.of(ServiceKey.of(Protocol.UDP, ip("10.0.0.1"), 53), "sh")
                .withFlags(Set.of(ServiceFlag.SH_FALLBACK, ServiceFlag.SH_PORT, ServiceFlag.ONE_PACKET))
                .withPersistence(300).withNetmask(24).withPersistenceEngine("sip");
        assertThat(PlanPrinter.line(new Operation.EditService(sh)))
                .isEqualTo("-E -u 10.0.0.1:53 -s sh -p 300 -M 255.255.255.0 -o -b sh-fallback,sh-port --pe sip");
        Service mark = Service.of(ServiceKey.fwmark(5, Family.INET6), "mh").withFlags(Set.of(ServiceFlag.MH_PORT))
                .withNetmask(64);
        assertThat(PlanPrinter.line(new Operation.AddService(mark))).isEqualTo("-A -f 5 -6 -s mh -M 64 -b mh-port");
        assertThat(PlanPrinter.line(new Operation.DeleteService(ServiceKey.of(Protocol.SCTP, ip("2001:db8::1"), 80))))
                .isEqualTo("-D --sctp-service [2001:db8::1]:80");
    }

    @Test
    void printsDestinationsLikeIpvsadm() {
        assertThat(PlanPrinter.print(List.of(
                new Operation.AddDestination(WEB, dr("192.168.1.10", 80, 1)),
                new Operation.EditDestination(WEB, nat("192.168.1.11", 8080, 0).withThresholds(100, 10)),
                new Operation.AddDestination(WEB, Destination.of(ip("192.168.1.12"), 80,
                        Forwarding.tunnel(TunnelType.GUE, 6080, TunnelChecksum.REMCSUM), 3)),
                new Operation.AddDestination(WEB, Destination.of(ip("192.168.1.13"), 80, Forwarding.tunnel(), 3)),
                new Operation.DeleteDestination(WEB, dr("192.168.1.10", 80, 1).key()))))
                .isEqualTo("""
                        -a -t 10.0.0.1:80 -r 192.168.1.10:80 -g -w 1
                        -e -t 10.0.0.1:80 -r 192.168.1.11:8080 -m -w 0 -x 100 -y 10
                        -a -t 10.0.0.1:80 -r 192.168.1.12:80 -i --tun-type gue --tun-port 6080 --tun-remcsum -w 3
                        -a -t 10.0.0.1:80 -r 192.168.1.13:80 -i -w 3
                        -d -t 10.0.0.1:80 -r 192.168.1.10:80
                        """);
    }
}
