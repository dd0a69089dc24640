package dev.holdfast.daemon.observe;

import dev.holdfast.daemon.lvs.Drain;
import dev.holdfast.daemon.lvs.KernelWriter;
import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.lvs.VirtualServerStatus;
import dev.holdfast.healthcheck.spec.Protocol;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.Forwarding;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.ipvs.Stats;
import dev.holdfast.ipvs.kernel.DestinationStatus;
import dev.holdfast.ipvs.kernel.ServiceStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A hand-made director state for the metrics, status and dump tests. */
public final class StatusSample {
    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

    private StatusSample() {
    }

    public static Snapshot snapshot() {
        try {
            return build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Snapshot build() throws UnknownHostException {
        InetAddress vip = InetAddress.getByName("10.0.1.100");
        InetAddress rs1 = InetAddress.getByName("10.0.2.11");
        InetAddress rs2 = InetAddress.getByName("2001:db8::12");
        ServiceAddress vs = new ServiceAddress.Endpoint(vip, 80, Protocol.TCP);
        var up = new VirtualServerStatus.CheckerStatus("HTTP_GET [10.0.2.11]:tcp:80", true, true, 0,
                Optional.of(CheckResult.passed("status 200")), Optional.of(T), 12, 1,
                java.time.Duration.ofMillis(36), java.util.Map.of(
                        dev.holdfast.healthcheck.checker.FailureKind.STATUS, 1L));
        var down = new VirtualServerStatus.CheckerStatus("TCP_CHECK [2001:db8::12]:tcp:80", false, true, 0,
                Optional.of(CheckResult.failed("connect: connection refused")), Optional.of(T), 12, 4,
                java.time.Duration.ofMillis(3012), java.util.Map.of(
                        dev.holdfast.healthcheck.checker.FailureKind.REFUSED, 3L,
                        dev.holdfast.healthcheck.checker.FailureKind.TIMEOUT, 1L));
        var status = new VirtualServerStatus(vs, true, false, 3, 1, 0, List.of(
                new VirtualServerStatus.RealServerStatus(rs1, 80, true, 3, 3, 0, List.of(up)),
                new VirtualServerStatus.RealServerStatus(rs2, 80, false, 1, 0, 1, List.of(down))));
        ServiceKey key = new ServiceKey.Address(dev.holdfast.ipvs.Protocol.TCP, vip, 80);
        Destination d1 = Destination.of(rs1, 80, Forwarding.NAT, 3);
        var reading = new KernelWriter.ServiceReading(new ServiceStatus(Service.of(key, "wrr"),
                new Stats(10, 100, 90, 5000, 40000, 0, 0, 0, 0, 0)),
                List.of(new DestinationStatus(d1, 2, 1, 0, new Stats(10, 100, 90, 5000, 40000, 0, 0, 0, 0, 0))),
                false);
        return new Snapshot(T, new Snapshot.ConfigState("/etc/keepalived/keepalived.conf", "0123456789abcdef", T,
                2, 1, "keepalived.conf:3:5: error: unknown keyword"), List.of(status), List.of(reading),
                Map.of(new Drain.Ref(key, d1.key()), T.plusSeconds(300)),
                List.of(new Snapshot.VrrpInstanceState("VI_1", "eth0", 51, "G1", "MASTER", 150, 140, 1200, 30,
                        Map.of("BACKUP", 1L, "MASTER", 1L), Map.of("auth_failure", 4L), T, List.of())),
                Map.of("bad_ttl", 3L, "wrong_vrid", 7L));
    }

}
