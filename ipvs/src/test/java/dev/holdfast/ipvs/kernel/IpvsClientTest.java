package dev.holdfast.ipvs.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.Family;
import dev.holdfast.ipvs.Forwarding;
import dev.holdfast.ipvs.IpvsTable;
import dev.holdfast.ipvs.Operation;
import dev.holdfast.ipvs.Ownership;
import dev.holdfast.ipvs.Protocol;
import dev.holdfast.ipvs.Reconciler;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceFlag;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.ipvs.TunnelChecksum;
import dev.holdfast.ipvs.TunnelType;
import dev.holdfast.netlink.io.NetlinkSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client end to end against {@link FakeIpvsKernel}: encoding, decoding, pipelining, error lines. */
class IpvsClientTest {
    private static final ServiceKey WEB = ServiceKey.of(Protocol.TCP, ip("10.0.0.1"), 80);
    private static final ServiceKey WEB6 = ServiceKey.of(Protocol.TCP, ip("2001:db8::1"), 443);
    private static final ServiceKey MARK = ServiceKey.fwmark(42, Family.INET6);

    private FakeIpvsKernel kernel;
    private IpvsClient client;

    @BeforeEach
    void open() {
        kernel = new FakeIpvsKernel();
        client = IpvsClient.over(new NetlinkSocket(kernel));
    }

    @Test
    void missingFamilyIsReportedAsNoIpvs() {
        FakeIpvsKernel without = new FakeIpvsKernel();
        without.hasIpvs = false;
        assertThatThrownBy(() -> IpvsClient.over(new NetlinkSocket(without)))
                .isInstanceOf(IpvsException.class)
                .hasMessage("kernel has no IPVS (generic netlink family IPVS not found)");
    }

    @Test
    void resolvesTheFamilyAndReadsInfo() {
        assertThat(client.family().id()).isEqualTo(FakeIpvsKernel.FAMILY_ID);
        IpvsInfo info = client.info();
        assertThat(info.versionString()).isEqualTo("1.2.1");
        assertThat(info.connectionTableSize()).isEqualTo(4096);
    }

    @Test
    void reconcileApplyAndReadBackGiveTheDesiredTable() {
        IpvsTable desired = desired();
        List<Operation> plan = Reconciler.plan(desired, client.table(), Ownership.ALL);
        int before = kernel.datagramsReceived;
        List<OperationResult> results = client.apply(plan);
        assertThat(results).allMatch(OperationResult::ok);
        assertThat(kernel.datagramsReceived - before).as("one pipelined datagram").isEqualTo(1);

        IpvsTable read = client.table();
        assertThat(read).isEqualTo(desired);
        assertThat(Reconciler.plan(desired, read, Ownership.ALL)).isEmpty();

        IpvsTable reweighted = desired.toBuilder()
                .destination(WEB, Destination.of(ip("192.168.1.11"), 80, Forwarding.DR, 0)).build();
        List<Operation> one = Reconciler.plan(reweighted, read, Ownership.ALL);
        assertThat(one).hasSize(1).first().isInstanceOf(Operation.EditDestination.class);
        assertThat(client.apply(one)).allMatch(OperationResult::ok);
        assertThat(client.table()).isEqualTo(reweighted);
    }

    @Test
    void listsCountersAndConnectionCounts() {
        client.addService(Service.of(WEB, "wrr"));
        client.addDestination(WEB, Destination.of(ip("192.168.1.10"), 80, Forwarding.NAT, 3));
        ServiceStatus s = client.listServices().get(0);
        assertThat(s.service()).isEqualTo(Service.of(WEB, "wrr")); // HASHED bit from the kernel is dropped
        assertThat(s.stats().connections()).isEqualTo(11);
        assertThat(s.stats().outByteRate()).isEqualTo(20);
        DestinationStatus d = client.listDestinations(WEB).get(0);
        assertThat(d.destination().weight()).isEqualTo(3);
        assertThat(d.activeConnections()).isEqualTo(3);
        assertThat(d.inactiveConnections()).isEqualTo(4);
        assertThat(d.persistentConnections()).isEqualTo(5);
        assertThat(d.stats().connections()).isEqualTo(1L << 40);
    }

    @Test
    void oneFailureInABatchIsReportedForItsOperationOnly() {
        ServiceKey other = ServiceKey.of(Protocol.UDP, ip("10.0.0.2"), 53);
        List<Operation> ops = List.of(
                new Operation.AddService(Service.of(WEB, "foo")),
                new Operation.AddDestination(WEB, Destination.of(ip("192.168.1.10"), 80, Forwarding.DR, 1)),
                new Operation.AddService(Service.of(other, "rr")),
                new Operation.AddDestination(other, Destination.of(ip("192.168.1.20"), 53, Forwarding.NAT, 1)));
        List<OperationResult> results = client.apply(ops);
        assertThat(results).extracting(OperationResult::ok).containsExactly(false, false, true, true);
        assertThat(results.get(0).error().orElseThrow()).hasMessage(
                "add service TCP 10.0.0.1:80 (scheduler foo): No such file or directory "
                        + "(scheduler module ip_vs_foo not loaded?)");
        assertThat(results.get(1).error().orElseThrow()).hasMessage(
                "add destination 192.168.1.10:80 to service TCP 10.0.0.1:80: No such process (no such service)");
        assertThat(kernel.services).containsOnlyKeys(other);
    }

    @Test
    void singleOperationsThrowOneClearLine() {
        client.addService(Service.of(WEB, "rr"));
        assertThatThrownBy(() -> client.addService(Service.of(WEB, "rr")))
                .hasMessage("add service TCP 10.0.0.1:80 (scheduler rr): File exists (the service already exists)");
        assertThatThrownBy(() -> client.deleteService(ServiceKey.of(Protocol.TCP, ip("10.0.0.9"), 80)))
                .hasMessage("delete service TCP 10.0.0.9:80: No such process (no such service)");
        assertThatThrownBy(() -> client.editDestination(WEB, Destination.of(ip("192.168.1.1"), 80, Forwarding.DR, 1)))
                .hasMessage("edit destination 192.168.1.1:80 of service TCP 10.0.0.1:80: No such file or directory "
                        + "(no such destination)");
        assertThatThrownBy(() -> client.editService(Service.of(WEB, "sh").withPersistenceEngine("nope")))
                .hasMessage("edit service TCP 10.0.0.1:80 (scheduler sh, persistence engine nope): No such file or "
                        + "directory (scheduler module ip_vs_sh not loaded? or persistence engine module ip_vs_pe_nope "
                        + "not loaded?)");
    }

    @Test
    void invalidDestinationsExplainTheKernelRule() {
        client.addService(Service.of(WEB, "rr"));
        assertThatThrownBy(() -> client.addDestination(WEB, Destination.of(ip("2001:db8::5"), 80, Forwarding.DR, 1)))
                .hasMessage("add destination [2001:db8::5]:80 to service TCP 10.0.0.1:80: Invalid argument "
                        + "(a destination of another address family than its service needs TUN forwarding)");
        assertThatThrownBy(() -> client.addDestination(WEB, Destination.of(ip("192.168.1.5"), 80,
                Forwarding.tunnel(TunnelType.GUE, 0, TunnelChecksum.NOCSUM), 1)))
                .hasMessage("add destination 192.168.1.5:80 to service TCP 10.0.0.1:80: Invalid argument "
                        + "(a GUE tunnel needs a port)");
    }

    @Test
    void permissionDeniedSaysWhatIsNeeded() {
        kernel.denyAll = true;
        assertThatThrownBy(() -> client.listServices())
                .isInstanceOf(IpvsException.class)
                .hasMessage("list services: Operation not permitted (needs root or CAP_NET_ADMIN)");
        assertThatThrownBy(() -> client.addService(Service.of(WEB, "rr")))
                .hasMessage("add service TCP 10.0.0.1:80 (scheduler rr): Operation not permitted "
                        + "(needs root or CAP_NET_ADMIN)");
        assertThat(client.apply(List.of(new Operation.DeleteService(WEB))).get(0).error().orElseThrow().errno())
                .isEqualTo(1);
    }

    @Test
    void editsDeletesAndFlush() {
        client.apply(Reconciler.plan(desired(), IpvsTable.EMPTY, Ownership.ALL));
        client.editService(Service.of(WEB, "sh").withFlags(Set.of(ServiceFlag.SH_PORT)));
        client.deleteDestination(WEB, new dev.holdfast.ipvs.DestinationKey(ip("192.168.1.10"), 80));
        client.deleteService(WEB6);
        IpvsTable t = client.table();
        assertThat(t.service(WEB).orElseThrow().scheduler()).isEqualTo("sh");
        assertThat(t.destinations(WEB)).hasSize(1);
        assertThat(t.service(WEB6)).isEmpty();
        client.flush();
        assertThat(client.table()).isEqualTo(IpvsTable.EMPTY);
    }

    @Test
    void zeroesCountersOfAllOrOneService() {
        client.zeroCounters();
        client.zeroCounters(WEB);
        assertThat(kernel.zeroed).containsExactly("all", "TCP 10.0.0.1:80");
    }

    @Test
    void timeoutsAreReadAndSetLeavingZerosUnchanged() {
        assertThat(client.timeouts()).isEqualTo(new Timeouts(900, 120, 300));
        client.setTimeouts(new Timeouts(600, 0, 60));
        assertThat(client.timeouts()).isEqualTo(new Timeouts(600, 120, 60));
    }

    @Test
    void syncDaemonsStartListAndStop() {
        SyncDaemon master = new SyncDaemon(SyncDaemon.Role.MASTER, "eth0", 7, 1400, Optional.of(ip("239.1.2.3")),
                8850, 2);
        SyncDaemon backup = new SyncDaemon(SyncDaemon.Role.BACKUP, "eth1", 7, 0, Optional.of(ip("ff02::1:2")), 0, 0);
        client.startSyncDaemon(master);
        client.startSyncDaemon(backup);
        assertThat(client.syncDaemons()).containsExactly(master, backup);
        assertThatThrownBy(() -> client.startSyncDaemon(master))
                .hasMessage("start sync daemon master on eth0 syncid 7: File exists");
        client.stopSyncDaemon(SyncDaemon.Role.MASTER);
        assertThat(client.syncDaemons()).containsExactly(backup);
        assertThatThrownBy(() -> client.startSyncDaemon(new SyncDaemon(SyncDaemon.Role.MASTER, "eth0", 1, 0,
                Optional.of(ip("10.1.1.1")), 0, 0)))
                .hasMessage("start sync daemon master on eth0 syncid 1: Invalid argument (the group must be a multicast "
                        + "address, and no service may have destinations of another address family while a sync daemon "
                        + "runs)");
    }

    @Test
    void largePlansAreSplitIntoBatchesWithEveryResultReported() {
        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation.AddService(Service.of(WEB, "wrr")));
        for (int i = 0; i < 3000; i++) {
            ops.add(new Operation.AddDestination(WEB,
                    Destination.of(ip("10.1." + (i / 250) + "." + (i % 250 + 1)), 80, Forwarding.DR, 1)));
        }
        List<OperationResult> results = client.apply(ops);
        assertThat(results).hasSize(3001).allMatch(OperationResult::ok);
        assertThat(kernel.datagramsReceived).isGreaterThan(2).isLessThan(3001);
        assertThat(client.listDestinations(WEB)).hasSize(3000);
    }

    private static IpvsTable desired() {
        return IpvsTable.builder()
                .service(Service.of(WEB, "wrr").withPersistence(300).withNetmask(24),
                        Destination.of(ip("192.168.1.10"), 80, Forwarding.DR, 1),
                        Destination.of(ip("192.168.1.11"), 80, Forwarding.DR, 2).withThresholds(1000, 100))
                .service(Service.of(WEB6, "mh").withFlags(Set.of(ServiceFlag.MH_FALLBACK, ServiceFlag.MH_PORT)),
                        Destination.of(ip("2001:db8::10"), 443, Forwarding.NAT, 1))
                .service(Service.of(MARK, "sh").withNetmask(64).withPersistenceEngine("sip"),
                        Destination.of(ip("192.168.1.30"), 0,
                                Forwarding.tunnel(TunnelType.GUE, 6080, TunnelChecksum.CSUM), 5),
                        Destination.of(ip("2001:db8::30"), 0, Forwarding.tunnel(TunnelType.GRE, 0,
                                TunnelChecksum.NOCSUM), 5))
                .build();
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
