package dev.holdfast.ipvs.kernel;

import static dev.holdfast.ipvs.kernel.IpvsClientTest.ip;
import static dev.holdfast.ipvs.kernel.IpvsConstants.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.Family;
import dev.holdfast.ipvs.Forwarding;
import dev.holdfast.ipvs.Protocol;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceFlag;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.ipvs.Stats;
import dev.holdfast.ipvs.TunnelChecksum;
import dev.holdfast.ipvs.TunnelType;
import dev.holdfast.netlink.Attributes;
import dev.holdfast.netlink.NetlinkDecodeException;
import dev.holdfast.netlink.PayloadWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Wire layout of the IPVS attributes, checked against ip_vs.h and ip_vs_ctl.c's policies. */
class IpvsCodecTest {

    @Test
    void ipv4ServiceOnTheWire() {
        Service s = Service.of(ServiceKey.of(Protocol.TCP, ip("10.0.0.1"), 80), "wrr").withPersistence(300)
                .withNetmask(24).withFlags(Set.of(ServiceFlag.PERSISTENT, ServiceFlag.ONE_PACKET));
        Attributes a = serviceAttributes(s);
        assertThat(a.require(IPVS_SVC_ATTR_AF, "af").u16()).isEqualTo(2);
        assertThat(a.require(IPVS_SVC_ATTR_PROTOCOL, "proto").u16()).isEqualTo(6);
        assertThat(a.require(IPVS_SVC_ATTR_ADDR, "addr").bytes())
                .containsExactly(10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(a.require(IPVS_SVC_ATTR_PORT, "port").bytes()).containsExactly(0, 80);
        assertThat(a.require(IPVS_SVC_ATTR_SCHED_NAME, "sched").bytes()).containsExactly('w', 'r', 'r', 0);
        ByteBuffer flags = ByteBuffer.wrap(a.require(IPVS_SVC_ATTR_FLAGS, "flags").bytes()).order(ByteOrder.nativeOrder());
        assertThat(flags.getInt()).isEqualTo(IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_ONEPACKET);
        assertThat(flags.getInt()).as("mask").isEqualTo(-1);
        assertThat(a.require(IPVS_SVC_ATTR_TIMEOUT, "timeout").u32()).isEqualTo(300);
        assertThat(a.require(IPVS_SVC_ATTR_NETMASK, "netmask").bytes()).containsExactly(0xff, 0xff, 0xff, 0);
        assertThat(a.has(IPVS_SVC_ATTR_PE_NAME)).isFalse();
        assertThat(ServiceCodec.read(a).service()).isEqualTo(s);
    }

    @Test
    void ipv6AndFwmarkServicesRoundTrip() {
        Service v6 = Service.of(ServiceKey.of(Protocol.SCTP, ip("2001:db8::1"), 3868), "sh")
                .withFlags(Set.of(ServiceFlag.SH_FALLBACK, ServiceFlag.SH_PORT)).withNetmask(64)
                .withPersistenceEngine("sip");
        Attributes a = serviceAttributes(v6);
        assertThat(a.require(IPVS_SVC_ATTR_NETMASK, "netmask").u32()).as("IPv6 netmask is a prefix length").isEqualTo(64);
        assertThat(a.require(IPVS_SVC_ATTR_PE_NAME, "pe").string()).isEqualTo("sip");
        assertThat(ServiceCodec.read(a).service()).isEqualTo(v6);

        Service mark = Service.of(ServiceKey.fwmark(0xfffffffeL, Family.INET), "mh").withNetmask(0);
        Attributes m = serviceAttributes(mark);
        assertThat(m.has(IPVS_SVC_ATTR_PROTOCOL)).isFalse();
        assertThat(m.require(IPVS_SVC_ATTR_FWMARK, "fwmark").u32AsLong()).isEqualTo(0xfffffffeL);
        assertThat(ServiceCodec.read(m).service()).isEqualTo(mark);
    }

    @Test
    void keyOnlyServiceCarriesNoSettings() {
        PayloadWriter w = new PayloadWriter();
        ServiceCodec.writeKey(w, ServiceKey.fwmark(3, Family.INET6));
        Attributes a = Attributes.parse(ByteBuffer.wrap(w.toBytes())).require(IPVS_CMD_ATTR_SERVICE, "svc").nested();
        assertThat(a.all()).extracting(x -> x.type()).containsExactly(IPVS_SVC_ATTR_AF, IPVS_SVC_ATTR_FWMARK);
    }

    @Test
    void destinationsRoundTripWithTunnelsAndMixedFamilies() {
        List<Destination> all = List.of(
                Destination.of(ip("192.168.1.10"), 8080, Forwarding.NAT, 0),
                new Destination(ip("192.168.1.11"), 80, Forwarding.DR, Integer.MAX_VALUE, 0xffffffffL, 1),
                Destination.of(ip("192.168.1.12"), 80, Forwarding.tunnel(), 1),
                Destination.of(ip("2001:db8::12"), 80, Forwarding.tunnel(TunnelType.GUE, 6080, TunnelChecksum.REMCSUM), 1),
                Destination.of(ip("192.168.1.13"), 80, Forwarding.tunnel(TunnelType.GRE, 0, TunnelChecksum.CSUM), 1),
                Destination.of(ip("192.168.1.14"), 80, Forwarding.BYPASS, 1));
        for (Destination d : all) {
            Attributes a = destinationAttributes(d);
            assertThat(DestinationCodec.read(a, Family.INET6).destination()).as(d.toString()).isEqualTo(d);
            assertThat(a.require(IPVS_DEST_ATTR_ADDR_FAMILY, "af").u16()).isEqualTo(d.family().number());
        }
        Attributes ipip = destinationAttributes(all.get(2));
        assertThat(ipip.has(IPVS_DEST_ATTR_TUN_TYPE)).as("plain IPIP leaves tunnel attributes out").isFalse();
        Attributes gue = destinationAttributes(all.get(3));
        assertThat(gue.require(IPVS_DEST_ATTR_TUN_TYPE, "type").u8()).isEqualTo(IP_VS_CONN_F_TUNNEL_TYPE_GUE);
        assertThat(gue.require(IPVS_DEST_ATTR_TUN_PORT, "port").bytes()).containsExactly(0x17, 0xc0);
        assertThat(gue.require(IPVS_DEST_ATTR_TUN_FLAGS, "flags").u16()).isEqualTo(IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM);
        assertThat(gue.require(IPVS_DEST_ATTR_FWD_METHOD, "fwd").u32()).isEqualTo(IP_VS_CONN_F_TUNNEL);
    }

    @Test
    void destinationWithoutFamilyTakesTheServiceFamily() {
        PayloadWriter w = new PayloadWriter()
                .putBytes(IPVS_DEST_ATTR_ADDR, AddressCodec.encode(ip("10.9.9.9")))
                .putBe16(IPVS_DEST_ATTR_PORT, 80)
                .putU32(IPVS_DEST_ATTR_FWD_METHOD, IP_VS_CONN_F_DROUTE | 0x100)
                .putU32(IPVS_DEST_ATTR_WEIGHT, 5);
        Destination d = DestinationCodec.read(Attributes.parse(ByteBuffer.wrap(w.toBytes())), Family.INET).destination();
        assertThat(d).isEqualTo(Destination.of(ip("10.9.9.9"), 80, Forwarding.DR, 5));
    }

    @Test
    void statsPrefer64BitAndFallBackTo32Bit() {
        PayloadWriter w = new PayloadWriter();
        int n = w.beginNested(IPVS_SVC_ATTR_STATS);
        w.putU32(IPVS_STATS_ATTR_CONNS, -1).putU64(IPVS_STATS_ATTR_INBYTES, 1L << 40).putU32(IPVS_STATS_ATTR_OUTBPS, 9);
        w.endNested(n);
        Attributes only32 = Attributes.parse(ByteBuffer.wrap(w.toBytes()));
        Stats s = StatsCodec.read(only32, IPVS_SVC_ATTR_STATS, IPVS_SVC_ATTR_STATS64);
        assertThat(s.connections()).isEqualTo(0xffffffffL);
        assertThat(s.inBytes()).isEqualTo(1L << 40);
        assertThat(s.outByteRate()).isEqualTo(9);

        Stats big = new Stats(1L << 33, 2, 3, 4, 5, 6, 7, 8, 9, Long.MAX_VALUE);
        StatsCodec.write64(w, IPVS_SVC_ATTR_STATS64, big);
        Attributes both = Attributes.parse(ByteBuffer.wrap(w.toBytes()));
        assertThat(StatsCodec.read(both, IPVS_SVC_ATTR_STATS, IPVS_SVC_ATTR_STATS64)).isEqualTo(big);
    }

    @Test
    void syncDaemonsRoundTrip() {
        for (SyncDaemon d : List.of(
                SyncDaemon.of(SyncDaemon.Role.MASTER, "eth0", 1),
                new SyncDaemon(SyncDaemon.Role.BACKUP, "bond0.100", 255, 1472, Optional.of(ip("239.0.0.81")), 8848, 3),
                new SyncDaemon(SyncDaemon.Role.MASTER, "eth1", 0, 0, Optional.of(ip("ff05::81")), 0, 0))) {
            PayloadWriter w = new PayloadWriter();
            DaemonCodec.write(w, d);
            Attributes a = Attributes.parse(ByteBuffer.wrap(w.toBytes())).require(IPVS_CMD_ATTR_DAEMON, "d").nested();
            assertThat(DaemonCodec.read(a)).isEqualTo(d);
        }
    }

    @Test
    void malformedKernelRepliesAreDecodeErrors() {
        Attributes noFamily = Attributes.parse(ByteBuffer.wrap(new PayloadWriter().putU16(IPVS_SVC_ATTR_PROTOCOL, 6)
                .toBytes()));
        assertThatThrownBy(() -> ServiceCodec.read(noFamily)).isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("IPVS_SVC_ATTR_AF");
        Attributes badProtocol = Attributes.parse(ByteBuffer.wrap(new PayloadWriter().putU16(IPVS_SVC_ATTR_AF, 2)
                .putU16(IPVS_SVC_ATTR_PROTOCOL, 50).toBytes()));
        assertThatThrownBy(() -> ServiceCodec.read(badProtocol)).isInstanceOf(NetlinkDecodeException.class)
                .hasMessageContaining("unsupported IP protocol 50");
        Attributes shortAddress = Attributes.parse(ByteBuffer.wrap(new PayloadWriter()
                .putBytes(IPVS_DEST_ATTR_ADDR, new byte[] {1, 2}).putBe16(IPVS_DEST_ATTR_PORT, 1).toBytes()));
        assertThatThrownBy(() -> DestinationCodec.read(shortAddress, Family.INET))
                .isInstanceOf(NetlinkDecodeException.class).hasMessageContaining("address attribute has 2 bytes");
    }

    private static Attributes serviceAttributes(Service s) {
        PayloadWriter w = new PayloadWriter();
        ServiceCodec.write(w, s);
        return Attributes.parse(ByteBuffer.wrap(w.toBytes())).require(IPVS_CMD_ATTR_SERVICE, "svc").nested();
    }

    private static Attributes destinationAttributes(Destination d) {
        PayloadWriter w = new PayloadWriter();
        DestinationCodec.write(w, d);
        return Attributes.parse(ByteBuffer.wrap(w.toBytes())).require(IPVS_CMD_ATTR_DEST, "dest").nested();
    }
}
