package dev.holdfast.healthcheck.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.SorryServerSpec;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random pools, random checker flips: after every step the emitted destinations, the quorum and the sorry server
 * must agree with the rules of inventory D.3, stated here independently of the implementation.
 */
class VirtualServerPropertiesTest {

    record Server(int weight, boolean inhibit) {
    }

    record Flip(int server, boolean pass) {
    }

    @Provide
    Arbitrary<List<Server>> servers() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(true, false))
                .as(Server::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Flip>> flips() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(true, false))
                .as(Flip::new).list().ofMaxSize(30);
    }

    @Property(tries = 300)
    void destinationsQuorumAndSorryServerFollowTheRules(@ForAll("servers") List<Server> servers,
                                                        @ForAll("flips") List<Flip> flips,
                                                        @ForAll @IntRange(min = 1, max = 12) int quorum,
                                                        @ForAll @IntRange(min = 0, max = 11) int hysteresis,
                                                        @ForAll @IntRange(min = 0, max = 2) int sorryKind,
                                                        @ForAll boolean alpha) {
        if (hysteresis >= quorum) {
            return;
        }
        Pool pool = new Pool();
        List<TcpCheckSpec> checks = new ArrayList<>();
        List<RealServerSpec> specs = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            TcpCheckSpec check = Pool.tcp("10.0.0." + (i + 1), 80, alpha);
            checks.add(check);
            specs.add(Pool.rs("10.0.0." + (i + 1), 80, servers.get(i).weight(), servers.get(i).inhibit(), check));
        }
        Optional<SorryServerSpec> sorry = sorryKind == 0 ? Optional.empty() : Pool.sorry("10.9.9.9", 80, sorryKind == 2);
        VirtualServerSpec spec = new VirtualServerSpec(Pool.vip("192.168.201.15", 80), quorum, hysteresis, false,
                false, false, sorry, specs);
        VirtualServer vs = pool.build(spec);
        vs.start();
        pool.firstChecks();
        check(vs, spec);

        boolean wasUp = vs.quorumUp();
        for (Flip flip : flips) {
            if (flip.server() >= checks.size()) {
                continue;
            }
            if (flip.pass()) {
                pool.probe(checks.get(flip.server())).pass();
            } else {
                pool.probe(checks.get(flip.server())).fail();
            }
            pool.failThroughRetries();
            check(vs, spec);
            long live = vs.liveWeight();
            if (wasUp && !vs.quorumUp()) {
                assertThat(live == 0 || live < quorum - hysteresis).as("lost quorum at live weight %d", live).isTrue();
            } else if (!wasUp && vs.quorumUp()) {
                assertThat(live).isGreaterThanOrEqualTo(quorum + hysteresis);
            } else if (wasUp) {
                assertThat(live == 0 || live < quorum - hysteresis).as("kept quorum at %d", live).isFalse();
            } else {
                assertThat(live).isLessThan(quorum + hysteresis);
            }
            wasUp = vs.quorumUp();
        }
    }

    private static void check(VirtualServer vs, VirtualServerSpec spec) {
        DesiredDestinations desired = vs.desired();
        if (spec.sorryServer().isPresent()) {
            assertThat(vs.sorryServerActive()).isEqualTo(!vs.quorumUp());
        } else {
            assertThat(vs.sorryServerActive()).isFalse();
        }
        List<Destination> expected = new ArrayList<>();
        for (RealServer rs : vs.realServers()) {
            RealServerSpec s = rs.spec();
            if (vs.sorryServerActive()) {
                if (s.inhibitOnFailure()) {
                    expected.add(new Destination(s.address(), s.port(), 0, s.forwarding(), 0, 0, false));
                }
            } else if (rs.alive()) {
                expected.add(new Destination(s.address(), s.port(), s.weight(), s.forwarding(), 0, 0, false));
            } else if (s.inhibitOnFailure()) {
                expected.add(new Destination(s.address(), s.port(), 0, s.forwarding(), 0, 0, false));
            }
        }
        spec.sorryServer().ifPresent(sorry -> {
            if (vs.sorryServerActive() || sorry.inhibit()) {
                expected.add(new Destination(sorry.address(), sorry.port(), vs.sorryServerActive() ? 1 : 0,
                        sorry.forwarding(), 0, 0, true));
            }
        });
        assertThat(desired.destinations()).containsExactlyElementsOf(expected);
        long live = vs.realServers().stream().filter(RealServer::alive).mapToLong(rs -> rs.spec().weight()).sum();
        assertThat(vs.liveWeight()).isEqualTo(live);
    }

    @Property(tries = 100)
    void emittedDestinationsAlwaysEqualTheCurrentState(@ForAll @Size(max = 20) List<@IntRange(min = 0, max = 2) Integer> steps) {
        Pool pool = new Pool();
        TcpCheckSpec a = Pool.tcp("10.0.0.1", 80, false);
        TcpCheckSpec b = Pool.tcp("10.0.0.2", 80, false);
        VirtualServer vs = pool.build(Pool.vs(2, 1, Pool.sorry("10.9.9.9", 80, true),
                Pool.rs("10.0.0.1", 80, 1, true, a), Pool.rs("10.0.0.2", 80, 2, false, b)));
        vs.start();
        for (int step : steps) {
            switch (step) {
                case 0 -> pool.probe(a).fail();
                case 1 -> pool.probe(b).fail();
                default -> {
                    pool.probe(a).pass();
                    pool.probe(b).pass();
                }
            }
            pool.failThroughRetries();
            assertThat(pool.output.lastDestinations()).isEqualTo(vs.desired());
        }
    }
}
