package dev.holdfast.daemon.observe;

import dev.holdfast.daemon.lvs.KernelWriter;
import dev.holdfast.healthcheck.lvs.VirtualServerStatus;
import dev.holdfast.ipvs.kernel.DestinationStatus;
import java.util.Map;

/**
 * The texts SIGUSR1 and SIGUSR2 write, as keepalived writes its data and stats files (state_dump_file,
 * default /tmp/keepalived.data; stats_dump_file, default /tmp/keepalived.stats). keepalived calls its format
 * unstable; this one is plain indented text meant for people, one object per line.
 */
public final class StateDump {
    private StateDump() {
    }

    /** SIGUSR1: the state of every VRRP instance, virtual server, real server and checker. */
    public static String data(Snapshot s, String version) {
        StringBuilder b = new StringBuilder();
        b.append("------< holdfast ").append(version).append(" state at ").append(s.takenAt()).append(" >------\n");
        Snapshot.ConfigState c = s.config();
        b.append("Configuration ").append(c.file()).append(" (hash ").append(c.hash()).append(", loaded ")
                .append(c.loadedAt()).append(")\n");
        if (!c.lastError().isEmpty()) {
            b.append(" Last reload rejected: ").append(c.lastError()).append('\n');
        }
        b.append("------< VRRP instances >------\n");
        for (Snapshot.VrrpInstanceState i : s.vrrp()) {
            b.append(" VRRP Instance = ").append(i.name()).append('\n')
                    .append("   State = ").append(i.state()).append('\n')
                    .append("   Interface = ").append(i.iface()).append('\n')
                    .append("   Virtual Router ID = ").append(i.vrid()).append('\n')
                    .append("   Priority = ").append(i.basePriority()).append('\n')
                    .append("   Effective priority = ").append(i.effectivePriority()).append('\n')
                    .append(i.syncGroup().isEmpty() ? "" : "   Sync group = " + i.syncGroup() + "\n")
                    .append(i.faults().isEmpty() ? "" : "   Fault reasons = " + String.join(", ", i.faults()) + "\n")
                    .append("   Last transition = ").append(i.lastTransition() == null ? "never"
                            : i.lastTransition().toString()).append('\n');
        }
        b.append("------< Virtual servers >------\n");
        for (VirtualServerStatus vs : s.virtualServers()) {
            b.append(" VS = ").append(vs.service().format()).append(", quorum ").append(vs.quorumUp() ? "up" : "down")
                    .append(" (live weight ").append(vs.liveWeight()).append(", quorum ").append(vs.quorum())
                    .append(", hysteresis ").append(vs.hysteresis()).append(')')
                    .append(vs.sorryServerActive() ? ", sorry server active" : "").append('\n');
            for (VirtualServerStatus.RealServerStatus rs : vs.realServers()) {
                b.append("   RS = ").append(Labels.endpoint(rs.address(), rs.port())).append(' ')
                        .append(rs.alive() ? "UP" : "DOWN").append(", weight ").append(rs.weight())
                        .append(", effective weight ").append(rs.effectiveWeight()).append('\n');
                for (VirtualServerStatus.CheckerStatus ch : rs.checkers()) {
                    b.append("     ").append(ch.name()).append(": ").append(ch.up() ? "up" : "down")
                            .append(", ").append(ch.checks()).append(" check(s), ").append(ch.failures())
                            .append(" failure(s)");
                    ch.lastResult().ifPresent(r -> b.append(", last: ").append(r.reason()));
                    ch.probedBy().ifPresent(by -> b.append(", probed by ").append(by));
                    b.append('\n');
                }
            }
        }
        return b.toString();
    }

    /** SIGUSR2: counters: reloads, VRRP transitions and refused packets, IPVS traffic per service and destination. */
    public static String stats(Snapshot s, String version) {
        StringBuilder b = new StringBuilder();
        b.append("------< holdfast ").append(version).append(" statistics at ").append(s.takenAt())
                .append(" >------\n");
        b.append("Reloads: ").append(s.config().reloadsOk()).append(" applied, ").append(s.config().reloadsFailed())
                .append(" rejected\n");
        for (Snapshot.VrrpInstanceState i : s.vrrp()) {
            b.append("VRRP Instance: ").append(i.name()).append('\n')
                    .append("  Adverts sent: ").append(i.advertsSent()).append(", received: ")
                    .append(i.advertsReceived()).append('\n');
            new java.util.TreeMap<>(i.errors()).forEach((k, v) -> b.append("  Refused (").append(k).append("): ")
                    .append(v).append('\n'));
            for (Map.Entry<String, Long> t : new java.util.TreeMap<>(i.transitions()).entrySet()) {
                b.append("  Became ").append(t.getKey()).append(": ").append(t.getValue()).append('\n');
            }
        }
        if (!s.vrrpRejects().isEmpty()) {
            b.append("VRRP packets refused:\n");
            new java.util.TreeMap<>(s.vrrpRejects()).forEach((k, v) -> b.append("  ").append(k).append(": ")
                    .append(v).append('\n'));
        }
        for (KernelWriter.ServiceReading r : s.kernel()) {
            var st = r.service().stats();
            b.append("IPVS ").append(r.service().service().key()).append(": ").append(st.connections())
                    .append(" conns, ").append(st.inPackets()).append(" pkts in, ").append(st.outPackets())
                    .append(" pkts out, ").append(st.inBytes()).append(" bytes in, ").append(st.outBytes())
                    .append(" bytes out\n");
            for (DestinationStatus d : r.destinations()) {
                var ds = d.stats();
                b.append("  -> ").append(d.destination().key()).append(": ").append(ds.connections())
                        .append(" conns (").append(d.activeConnections()).append(" active, ")
                        .append(d.inactiveConnections()).append(" inactive), ").append(ds.inPackets())
                        .append(" pkts in, ").append(ds.outPackets()).append(" pkts out, ").append(ds.inBytes())
                        .append(" bytes in, ").append(ds.outBytes()).append(" bytes out\n");
            }
        }
        return b.toString();
    }
}
