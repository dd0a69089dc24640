package dev.holdfast.ipvs;

import static dev.holdfast.ipvs.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reconciler against random tables drawn from small pools, so desired and kernel tables overlap,
 * differ in attributes and in membership. Plans are applied with the strict {@link TableModel}.
 */
class ReconcilerPropertiesTest {
    private static final List<ServiceKey> SERVICE_KEYS = List.of(
            ServiceKey.of(Protocol.TCP, ip("10.0.0.1"), 80),
            ServiceKey.of(Protocol.UDP, ip("10.0.0.1"), 53),
            ServiceKey.of(Protocol.SCTP, ip("10.0.0.2"), 3868),
            ServiceKey.fwmark(1, Family.INET),
            ServiceKey.of(Protocol.TCP, ip("2001:db8::1"), 443));
    private static final List<String> V4 = List.of("192.168.1.1", "192.168.1.2", "192.168.1.3", "192.168.1.4");
    private static final List<String> V6 = List.of("2001:db8::a", "2001:db8::b", "2001:db8::c");

    @Property(tries = 300)
    void applyingThePlanYieldsTheDesiredTable(@ForAll("tables") IpvsTable desired, @ForAll("tables") IpvsTable kernel) {
        List<Operation> plan = Reconciler.plan(desired, kernel, Ownership.ALL);
        assertThat(TableModel.apply(kernel, plan)).isEqualTo(desired);
    }

    @Property(tries = 300)
    void onlyConfiguredKeepsForeignServicesAndReachesTheDesiredOnes(@ForAll("tables") IpvsTable desired,
                                                                     @ForAll("tables") IpvsTable kernel) {
        IpvsTable result = TableModel.apply(kernel, Reconciler.plan(desired, kernel, Ownership.ONLY_CONFIGURED));
        IpvsTable.Builder expected = desired.toBuilder();
        for (Service s : kernel.services()) {
            if (desired.service(s.key()).isEmpty()) {
                expected.service(s, kernel.destinations(s.key()));
            }
        }
        assertThat(result).isEqualTo(expected.build());
    }

    @Property(tries = 300)
    void planOfATableAgainstItselfIsEmpty(@ForAll("tables") IpvsTable table) {
        assertThat(Reconciler.plan(table, table, Ownership.ALL)).isEmpty();
        assertThat(Reconciler.plan(table, table, Ownership.ONLY_CONFIGURED)).isEmpty();
    }

    @Property(tries = 300)
    void secondReconcileAfterApplyingIsEmpty(@ForAll("tables") IpvsTable desired, @ForAll("tables") IpvsTable kernel) {
        IpvsTable after = TableModel.apply(kernel, Reconciler.plan(desired, kernel, Ownership.ALL));
        assertThat(Reconciler.plan(desired, after, Ownership.ALL)).isEmpty();
    }

    @Property(tries = 300)
    void planIsMinimal(@ForAll("tables") IpvsTable desired, @ForAll("tables") IpvsTable kernel) {
        List<Operation> plan = Reconciler.plan(desired, kernel, Ownership.ALL);
        Set<Object> touched = new HashSet<>();
        for (Operation op : plan) {
            // no object is touched twice: nothing is deleted and re-added, nothing edited twice
            assertThat(touched.add(identity(op))).as("touched twice: %s", op.describe()).isTrue();
            // every operation is needed
            if (op instanceof Operation.AddService a) {
                assertThat(kernel.service(a.service())).isEmpty();
            } else if (op instanceof Operation.EditService e) {
                assertThat(kernel.service(e.service())).isPresent().get().isNotEqualTo(e.value());
            } else if (op instanceof Operation.DeleteService d) {
                assertThat(desired.service(d.service())).isEmpty();
            } else if (op instanceof Operation.AddDestination a) {
                assertThat(kernel.destination(a.service(), a.value().key())).isEmpty();
            } else if (op instanceof Operation.EditDestination e) {
                assertThat(kernel.destination(e.service(), e.value().key())).isPresent().get().isNotEqualTo(e.value());
            } else if (op instanceof Operation.DeleteDestination d) {
                assertThat(desired.destination(d.service(), d.destination())).isEmpty();
            }
        }
    }

    /** The object an operation touches: a service key, or a service key with a destination key. */
    private static Object identity(Operation op) {
        if (op instanceof Operation.AddDestination a) {
            return List.of(a.service(), a.value().key());
        }
        if (op instanceof Operation.EditDestination e) {
            return List.of(e.service(), e.value().key());
        }
        if (op instanceof Operation.DeleteDestination d) {
            return List.of(d.service(), d.destination());
        }
        return op.service();
    }

    @Provide
    Arbitrary<IpvsTable> tables() {
        Arbitrary<List<ServiceKey>> keys = Arbitraries.of(SERVICE_KEYS).set().ofMaxSize(SERVICE_KEYS.size())
                .map(List::copyOf);
        return keys.flatMap(ks -> {
            List<Arbitrary<Object[]>> entries = ks.stream().map(k -> Combinators.combine(service(k), destinations(k))
                    .as((s, d) -> new Object[] {s, d})).toList();
            return Combinators.combine(entries).as(list -> {
                IpvsTable.Builder b = IpvsTable.builder();
                for (Object[] e : list) {
                    @SuppressWarnings("unchecked")
                    List<Destination> dests = (List<Destination>) e[1];
                    b.service((Service) e[0], dests);
                }
                return b.build();
            });
        });
    }

    private Arbitrary<Service> service(ServiceKey key) {
        Arbitrary<String> scheduler = Arbitraries.of("rr", "wrr", "sh", "mh");
        Arbitrary<Set<ServiceFlag>> flags = Arbitraries.of(ServiceFlag.ONE_PACKET, ServiceFlag.SCHED_1,
                ServiceFlag.SCHED_2).set();
        Arbitrary<Integer> timeout = Arbitraries.of(0, 300);
        Arbitrary<Integer> netmask = Arbitraries.of(key.family().maxPrefix(), 24);
        Arbitrary<String> engine = Arbitraries.of("", "", "sip");
        return Combinators.combine(scheduler, flags, timeout, netmask, engine).as((s, f, t, n, e) ->
                Service.of(key, s).withFlags(f).withPersistence(t).withNetmask(n).withPersistenceEngine(e));
    }

    private Arbitrary<List<Destination>> destinations(ServiceKey key) {
        List<String> pool = key.family() == Family.INET ? V4 : V6;
        Arbitrary<Forwarding> forwarding = Arbitraries.of(Forwarding.NAT, Forwarding.DR, Forwarding.tunnel(),
                Forwarding.tunnel(TunnelType.GUE, 6080, TunnelChecksum.CSUM));
        Arbitrary<Destination> dest = Combinators.combine(Arbitraries.of(pool), Arbitraries.of(80, 8080),
                forwarding, Arbitraries.integers().between(0, 3), Arbitraries.of(0L, 100L))
                .as((a, p, f, w, u) -> new Destination(ip(a), p, f, w, u, u / 2));
        return dest.list().ofMaxSize(5).uniqueElements(Destination::key);
    }
}
