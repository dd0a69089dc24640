package dev.holdfast.healthcheck.lvs;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.FixedRandom;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.checker.ProbeFactory;
import dev.holdfast.healthcheck.checker.ScriptedProbe;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.spec.CheckerSpec;
import dev.holdfast.healthcheck.spec.Connection;
import dev.holdfast.healthcheck.spec.ForwardingMethod;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;
import dev.holdfast.healthcheck.spec.Protocol;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.ScheduledCheckSpec;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.healthcheck.spec.SorryServerSpec;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import dev.holdfast.healthcheck.time.ManualScheduler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test fixture: builds virtual servers whose checkers answer from {@link ScriptedProbe}s, on a manual clock with
 * delay_loop 6 s, delay_before_retry 1 s, retry 1 and no warmup, so every check lands on a whole second.
 */
final class Pool {
    static final Duration DELAY_LOOP = Duration.ofSeconds(6);

    final ManualScheduler clock = new ManualScheduler();
    final RecordingOutput output = new RecordingOutput();
    private final Map<ScheduledCheckSpec, ScriptedProbe> probes = new IdentityHashMap<>();

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static CheckPolicy policy(boolean alpha) {
        return new CheckPolicy(1, Duration.ofSeconds(1), DELAY_LOOP, Duration.ZERO, alpha, Duration.ofSeconds(3));
    }

    static TcpCheckSpec tcp(String ip, int port, boolean alpha) {
        return new TcpCheckSpec(policy(alpha), Connection.to(new InetSocketAddress(ip(ip), port)));
    }

    static RealServerSpec rs(String ip, int port, long weight, boolean inhibit, CheckerSpec... checkers) {
        return new RealServerSpec(ip(ip), port, weight, ForwardingMethod.NAT, inhibit, 0, 0, List.of(checkers));
    }

    static ServiceAddress vip(String ip, int port) {
        return new ServiceAddress.Endpoint(ip(ip), port, Protocol.TCP);
    }

    static VirtualServerSpec vs(long quorum, long hysteresis, Optional<SorryServerSpec> sorry, RealServerSpec... rss) {
        return new VirtualServerSpec(vip("192.168.201.15", 80), quorum, hysteresis, false, false, false, sorry,
                List.of(rss));
    }

    static Optional<SorryServerSpec> sorry(String ip, int port, boolean inhibit) {
        return Optional.of(new SorryServerSpec(ip(ip), port, ForwardingMethod.NAT, inhibit));
    }

    /** A started-on-demand virtual server; each checker begins passing unless its spec is alpha. */
    VirtualServer build(VirtualServerSpec spec) {
        ProbeFactory factory = new ProbeFactory() {
            @Override
            public Probe probe(ScheduledCheckSpec checker, RealServerSpec rs) {
                return probes.computeIfAbsent(checker, c -> new ScriptedProbe(clock, c.policy().alpha()
                        ? CheckResult.failed("TCP connect to " + rs.address().getHostAddress() + ":80: connection refused")
                        : CheckResult.passed("ok")));
            }

            @Override
            public Probe urlProbe(HttpGetSpec checker, UrlSpec url, RealServerSpec rs) {
                throw new UnsupportedOperationException("no HTTP checkers in virtual-server tests");
            }
        };
        return new VirtualServer(spec, factory, clock, new FixedRandom(0), output);
    }

    ScriptedProbe probe(CheckerSpec checker) {
        ScriptedProbe probe = probes.get(checker);
        if (probe == null) {
            throw new IllegalStateException("no probe built for " + checker);
        }
        return probe;
    }

    /** Makes {@code alias} answer with the probe already built for {@code original} (a reload that changed timing). */
    void alias(ScheduledCheckSpec alias, ScheduledCheckSpec original) {
        probes.put(alias, probe(original));
    }

    /** Runs the first checks (bootstrap delay) without changing any answer. */
    void firstChecks() {
        clock.advanceSeconds(1);
    }

    /** Lets one full delay_loop pass, long enough for a retry and its final failure too. */
    void cycle() {
        clock.advance(DELAY_LOOP);
    }

    /** Lets a failing check on an up checker run through its retry and go down. */
    void failThroughRetries() {
        clock.advance(DELAY_LOOP.plusSeconds(1));
    }

    /** Weights of the last emitted destination set, keyed "ip:port". */
    Map<String, Long> weights() {
        Map<String, Long> weights = new java.util.LinkedHashMap<>();
        for (Destination d : output.lastDestinations().destinations()) {
            weights.put(d.address().getHostAddress() + ":" + d.port(), d.weight());
        }
        return weights;
    }

    static List<RealServerSpec> tenEqualServers(boolean alpha) {
        List<RealServerSpec> servers = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            servers.add(rs("10.0.0." + i, 8080, 1, false, tcp("10.0.0." + i, 80, alpha)));
        }
        return servers;
    }
}
