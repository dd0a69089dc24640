package dev.holdfast.ipvs;

import static dev.holdfast.ipvs.Fixtures.dr;
import static dev.holdfast.ipvs.Fixtures.ip;
import static dev.holdfast.ipvs.Fixtures.nat;
import static dev.holdfast.ipvs.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private static final ServiceKey WEB = tcp("10.0.0.1", 80);
    private static final ServiceKey DNS = ServiceKey.of(Protocol.UDP, ip("10.0.0.1"), 53);
    private static final ServiceKey MARK = ServiceKey.fwmark(7, Family.INET6);

    private static final IpvsTable TABLE = IpvsTable.builder()
            .service(Service.of(WEB, "wrr"), dr("192.168.1.10", 80, 1), dr("192.168.1.11", 80, 2))
            .service(Service.of(DNS, "rr"), nat("192.168.1.20", 53, 1))
            .build();

    @Test
    void identicalTablesNeedNothing() {
        assertThat(Reconciler.plan(TABLE, TABLE, Ownership.ALL)).isEmpty();
        assertThat(Reconciler.plan(TABLE, copy(TABLE), Ownership.ONLY_CONFIGURED)).isEmpty();
    }

    @Test
    void oneChangedWeightIsExactlyOneEdit() {
        IpvsTable desired = TABLE.toBuilder().destination(WEB, dr("192.168.1.11", 80, 0)).build();
        assertThat(Reconciler.plan(desired, TABLE, Ownership.ALL))
                .containsExactly(new Operation.EditDestination(WEB, dr("192.168.1.11", 80, 0)));
    }

    @Test
    void attributeChangesAreEditedInPlaceNeverDeletedAndReAdded() {
        Service persistentSh = Service.of(WEB, "sh").withFlags(Set.of(ServiceFlag.SH_PORT)).withPersistence(300)
                .withNetmask(24);
        Destination tunnelled = dr("192.168.1.10", 80, 1)
                .withForwarding(Forwarding.tunnel(TunnelType.GUE, 6080, TunnelChecksum.REMCSUM))
                .withThresholds(100, 10);
        IpvsTable desired = TABLE.toBuilder().service(persistentSh).destination(WEB, tunnelled).build();
        assertThat(Reconciler.plan(desired, TABLE, Ownership.ALL)).containsExactly(
                new Operation.EditService(persistentSh),
                new Operation.EditDestination(WEB, tunnelled));
    }

    @Test
    void adoptsAnExistingKernelTableWithoutFlushing() {
        IpvsTable kernel = TABLE.toBuilder().removeDestination(WEB, dr("192.168.1.11", 80, 2).key()).build();
        assertThat(Reconciler.plan(TABLE, kernel, Ownership.ALL))
                .containsExactly(new Operation.AddDestination(WEB, dr("192.168.1.11", 80, 2)));
    }

    @Test
    void newServiceComesBeforeItsDestinations() {
        Service mark = Service.of(MARK, "mh").withFlags(Set.of(ServiceFlag.MH_FALLBACK));
        Destination v4OverTunnel = Destination.of(ip("192.168.1.30"), 0, Forwarding.tunnel(), 5);
        IpvsTable desired = TABLE.toBuilder().service(mark, v4OverTunnel).build();
        assertThat(Reconciler.plan(desired, TABLE, Ownership.ALL)).containsExactly(
                new Operation.AddService(mark),
                new Operation.AddDestination(MARK, v4OverTunnel));
    }

    @Test
    void removedServiceLosesItsDestinationsFirst() {
        IpvsTable desired = TABLE.toBuilder().removeService(WEB).build();
        assertThat(Reconciler.plan(desired, TABLE, Ownership.ALL)).containsExactly(
                new Operation.DeleteDestination(WEB, dr("192.168.1.10", 80, 1).key()),
                new Operation.DeleteDestination(WEB, dr("192.168.1.11", 80, 2).key()),
                new Operation.DeleteService(WEB));
    }

    @Test
    void onlyConfiguredLeavesForeignServicesAlone() {
        IpvsTable desired = IpvsTable.builder().service(Service.of(WEB, "wrr"), dr("192.168.1.10", 80, 1)).build();
        List<Operation> plan = Reconciler.plan(desired, TABLE, Ownership.ONLY_CONFIGURED);
        // DNS is someone else's; WEB is ours, so its stale destination goes.
        assertThat(plan).containsExactly(new Operation.DeleteDestination(WEB, dr("192.168.1.11", 80, 2).key()));
    }

    @Test
    void driftIsRepaired() {
        IpvsTable drifted = TABLE.toBuilder()
                .service(Service.of(WEB, "rr"))                      // someone ran ipvsadm -E -s rr
                .removeService(DNS)                                  // and ipvsadm -D
                .destination(WEB, dr("192.168.1.99", 80, 1))         // and added a stranger
                .build();
        List<Operation> plan = Reconciler.plan(TABLE, drifted, Ownership.ALL);
        assertThat(plan).containsExactly(
                new Operation.EditService(Service.of(WEB, "wrr")),
                new Operation.DeleteDestination(WEB, dr("192.168.1.99", 80, 1).key()),
                new Operation.AddService(Service.of(DNS, "rr")),
                new Operation.AddDestination(DNS, nat("192.168.1.20", 53, 1)));
        assertThat(TableModel.apply(drifted, plan)).isEqualTo(TABLE);
    }

    @Test
    void changedServiceKeyIsANewService() {
        ServiceKey moved = tcp("10.0.0.2", 80);
        IpvsTable desired = IpvsTable.builder()
                .service(Service.of(moved, "wrr"), TABLE.destinations(WEB))
                .service(Service.of(DNS, "rr"), TABLE.destinations(DNS))
                .build();
        List<Operation> plan = Reconciler.plan(desired, TABLE, Ownership.ALL);
        assertThat(plan).hasSize(1 + 2 + 2 + 1);
        assertThat(plan.get(0)).isEqualTo(new Operation.AddService(Service.of(moved, "wrr")));
        assertThat(plan.get(plan.size() - 1)).isEqualTo(new Operation.DeleteService(WEB));
        assertThat(TableModel.apply(TABLE, plan)).isEqualTo(desired);
    }

    @Test
    void emptyDesiredTableWithAllOwnershipEmptiesTheKernel() {
        List<Operation> plan = Reconciler.plan(IpvsTable.EMPTY, TABLE, Ownership.ALL);
        assertThat(TableModel.apply(TABLE, plan)).isEqualTo(IpvsTable.EMPTY);
        assertThat(Reconciler.plan(IpvsTable.EMPTY, TABLE, Ownership.ONLY_CONFIGURED)).isEmpty();
    }

    private static IpvsTable copy(IpvsTable t) {
        IpvsTable.Builder b = IpvsTable.builder();
        List<Service> reversed = new java.util.ArrayList<>(t.services());
        java.util.Collections.reverse(reversed);
        for (Service s : reversed) {
            b.service(s, t.destinations(s.key()));
        }
        return b.build();
    }
}
