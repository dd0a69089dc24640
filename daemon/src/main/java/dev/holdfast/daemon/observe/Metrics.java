package dev.holdfast.daemon.observe;

import dev.holdfast.daemon.lvs.KernelWriter;
import dev.holdfast.healthcheck.lvs.Notification;
import dev.holdfast.healthcheck.lvs.VirtualServerStatus;
import dev.holdfast.ipvs.Stats;
import dev.holdfast.ipvs.kernel.DestinationStatus;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * holdfast's Prometheus metrics (documented in docs/metrics.md). Events (reconciles, reloads, transitions) are
 * counted as they happen; states (real servers, quorum, IPVS counters, VRRP) are read from a fresh
 * {@link Snapshot} at each scrape. With {@code keepalivedNames} the keepalived_exporter names are added too.
 */
public final class Metrics implements KernelWriter.KernelListener {
    private final CollectorRegistry registry = new CollectorRegistry(true);
    private final Counter operations = Counter.build("holdfast_ipvs_operations_total",
            "IPVS operations sent to the kernel, by why they were sent (change, reload, drift, drain)")
            .labelNames("cause").register(registry);
    private final Counter operationErrors = Counter.build("holdfast_ipvs_operation_errors_total",
            "IPVS operations the kernel refused, by why they were sent").labelNames("cause").register(registry);
    private final Histogram reconcileSeconds = Histogram.build("holdfast_ipvs_reconcile_duration_seconds",
            "Time to send one batch of IPVS operations and read every answer")
            .buckets(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .labelNames("cause").register(registry);
    private final Counter reloads = Counter.build("holdfast_reloads_total",
            "Configuration reloads (SIGHUP), by result: ok, or failed (the running configuration kept serving)")
            .labelNames("result").register(registry);
    private final Counter realServerTransitions = Counter.build("holdfast_real_server_transitions_total",
            "Real servers going up or down, as decided by their checkers")
            .labelNames("virtual_server", "real_server", "to").register(registry);
    private final Counter quorumTransitions = Counter.build("holdfast_virtual_server_quorum_transitions_total",
            "Virtual servers gaining (up) or losing (down) their quorum")
            .labelNames("virtual_server", "to").register(registry);

    private final StateCollector state;

    public Metrics(Supplier<Snapshot> snapshots, String version, boolean keepalivedNames) {
        for (String cause : List.of("change", "reload", "drift", "drain")) {
            operations.labels(cause);
            operationErrors.labels(cause);
        }
        reloads.labels("ok");
        reloads.labels("failed");
        this.state = new StateCollector(snapshots, version, keepalivedNames);
    }

    @Override
    public void reconciled(Cause cause, int sent, int failed, Duration took) {
        String c = cause.name().toLowerCase(java.util.Locale.ROOT);
        operations.labels(c).inc(sent);
        operationErrors.labels(c).inc(failed);
        reconcileSeconds.labels(c).observe(took.toNanos() / 1e9);
    }

    @Override
    public void notified(Notification n) {
        if (n instanceof Notification.RealServerChanged r && !r.stopping()) {
            realServerTransitions.labels(r.service().format(), Labels.endpoint(r.address(), r.port()),
                    r.up() ? "up" : "down").inc();
        } else if (n instanceof Notification.QuorumChanged q && !q.stopping() && !q.starting()) {
            quorumTransitions.labels(q.service().format(), q.up() ? "up" : "down").inc();
        }
    }

    public void reloaded(boolean ok) {
        reloads.labels(ok ? "ok" : "failed").inc();
    }

    /**
     * The text exposition format, version 0.0.4: the event metrics through simpleclient, then the snapshot's
     * families written straight into the text (40,000 real servers make 600,000 lines; building a sample object
     * for each made a scrape several times slower).
     */
    public String scrape() {
        StringWriter out = new StringWriter();
        try {
            TextFormat.write004(out, registry.metricFamilySamples());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder text = new StringBuilder(out.getBuffer());
        state.collect().writeTo(text);
        return text.toString();
    }

    /** The snapshot part: one family per state, filled at each scrape. */
    private static final class StateCollector {
        private final Supplier<Snapshot> snapshots;
        private final String version;
        private final boolean keepalivedNames;

        StateCollector(Supplier<Snapshot> snapshots, String version, boolean keepalivedNames) {
            this.snapshots = snapshots;
            this.version = version;
            this.keepalivedNames = keepalivedNames;
        }

        Families collect() {
            Snapshot s = snapshots.get();
            Families f = new Families();
            f.gauge("holdfast_build_info", "The running holdfast's version", List.of("version"))
                    .add(1, version);
            Snapshot.ConfigState c = s.config();
            f.gauge("holdfast_config_info", "The configuration in force: its file and a hash of its meaning",
                    List.of("file", "hash")).add(1, c.file(), c.hash());
            f.gauge("holdfast_config_loaded_timestamp_seconds", "When the configuration in force was loaded",
                    List.of()).add(c.loadedAt().toEpochMilli() / 1e3);
            f.gauge("holdfast_config_last_reload_successful",
                    "1 if the last reload was applied (or none was tried), 0 if it was rejected", List.of())
                    .add(c.lastError().isEmpty() ? 1 : 0);
            ProcessFamilies.add(f);
            realServers(s, f);
            kernel(s, f);
            vrrp(s, f);
            if (keepalivedNames) {
                KeepalivedExporterNames.add(s, f);
            }
            return f;
        }

        private static void realServers(Snapshot s, Families f) {
            Families.Family up = f.gauge("holdfast_real_server_up",
                    "1 if every checker of the real server passes, 0 if it is down", List.of("virtual_server",
                            "real_server"));
            Families.Family weight = f.gauge("holdfast_real_server_weight", "The configured weight",
                    List.of("virtual_server", "real_server"));
            Families.Family effective = f.gauge("holdfast_real_server_effective_weight",
                    "The weight holdfast wants in IPVS: configured plus dynamic parts, 0 when down or inhibited",
                    List.of("virtual_server", "real_server"));
            Families.Family checkUp = f.gauge("holdfast_check_up", "1 if this checker's last verdict is up",
                    List.of("virtual_server", "real_server", "checker", "target"));
            Families.Family checks = f.counter("holdfast_checks", "Checks run by this checker",
                    List.of("virtual_server", "real_server", "checker", "target"));
            Families.Family failures = f.counter("holdfast_check_failures", "Checks that failed",
                    List.of("virtual_server", "real_server", "checker", "target"));
            Families.Family lastAt = f.gauge("holdfast_check_last_result_timestamp_seconds",
                    "When this checker's latest result arrived", List.of("virtual_server", "real_server",
                            "checker", "target"));
            Map<String, long[]> byType = new java.util.TreeMap<>();
            Map<List<String>, Long> byReason = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
            Families.Family quorumUp = f.gauge("holdfast_virtual_server_quorum_up",
                    "1 while the live weight meets the quorum", List.of("virtual_server"));
            Families.Family sorry = f.gauge("holdfast_virtual_server_sorry_server_active",
                    "1 while the sorry server replaces the real servers", List.of("virtual_server"));
            Families.Family live = f.gauge("holdfast_virtual_server_live_weight",
                    "Sum of the effective weights of the live real servers", List.of("virtual_server"));
            Families.Family quorum = f.gauge("holdfast_virtual_server_quorum", "The configured quorum",
                    List.of("virtual_server"));
            for (VirtualServerStatus vs : s.virtualServers()) {
                String v = vs.service().format();
                quorumUp.add(vs.quorumUp() ? 1 : 0, v);
                sorry.add(vs.sorryServerActive() ? 1 : 0, v);
                live.add(vs.liveWeight(), v);
                quorum.add(vs.quorum(), v);
                for (VirtualServerStatus.RealServerStatus rs : vs.realServers()) {
                    String r = Labels.endpoint(rs.address(), rs.port());
                    up.add(rs.alive() ? 1 : 0, v, r);
                    weight.add(rs.weight(), v, r);
                    effective.add(rs.effectiveWeight(), v, r);
                    for (VirtualServerStatus.CheckerStatus ch : rs.checkers()) {
                        String type = Labels.checkerType(ch.name());
                        String target = Labels.checkerTarget(ch.name());
                        checkUp.add(ch.up() ? 1 : 0, v, r, type, target);
                        checks.add(ch.checks(), v, r, type, target);
                        failures.add(ch.failures(), v, r, type, target);
                        ch.lastResultAt().ifPresent(t -> lastAt.add(t.toEpochMilli() / 1e3, v, r, type, target));
                        if (ch.probedBy().isPresent()) {
                            continue; // another checker's probe: counted once, there
                        }
                        long[] sums = byType.computeIfAbsent(type, k -> new long[2]);
                        sums[0] += ch.checks();
                        sums[1] += ch.checkTime().toNanos();
                        ch.failuresByKind().forEach((kind, n) -> byReason.merge(List.of(type, kind.label()), n,
                                Long::sum));
                    }
                }
            }
            checkTotals(f, byType, byReason);
        }

        /** Check durations and failure reasons, summed over every checker of a type (series per type, not per server). */
        private static void checkTotals(Families f, Map<String, long[]> byType, Map<List<String>, Long> byReason) {
            Families.Family seconds = f.counter("holdfast_check_duration_seconds",
                    "Time spent in checks of this type, from a check's start to its result; divide by "
                            + "holdfast_check_results_total for the mean", List.of("checker"));
            Families.Family results = f.counter("holdfast_check_results", "Check results of this type",
                    List.of("checker"));
            Families.Family failed = f.counter("holdfast_check_failures_by_reason",
                    "Failed checks of this type by kind of failure (timeout, refused, reset, unreachable, closed, "
                            + "tls, status, digest, regex, bad_reply, exit_status, cannot_run, other)",
                    List.of("checker", "reason"));
            byType.forEach((type, sums) -> {
                results.add(sums[0], type);
                seconds.add(sums[1] / 1e9, type);
            });
            byReason.forEach((k, n) -> failed.add(n, k.get(0), k.get(1)));
        }

        private static void kernel(Snapshot s, Families f) {
            List<String> sl = List.of("service");
            List<String> dl = List.of("service", "destination");
            Families.Family[] svc = statFamilies(f, "holdfast_ipvs_service", "service", sl);
            Families.Family[] dst = statFamilies(f, "holdfast_ipvs_destination", "destination", dl);
            Families.Family active = f.gauge("holdfast_ipvs_destination_active_connections",
                    "Active connections of the destination (IPVS ActiveConn)", dl);
            Families.Family inactive = f.gauge("holdfast_ipvs_destination_inactive_connections",
                    "Inactive connections of the destination (IPVS InActConn)", dl);
            Families.Family weight = f.gauge("holdfast_ipvs_destination_weight", "The weight the kernel has", dl);
            Families.Family draining = f.gauge("holdfast_ipvs_destination_draining",
                    "1 while a destination removed by a reload waits for its connections to end", dl);
            for (KernelWriter.ServiceReading r : s.kernel()) {
                String service = r.service().service().key().toString();
                stats(svc, r.service().stats(), service);
                for (DestinationStatus d : r.destinations()) {
                    String dest = d.destination().key().toString();
                    stats(dst, d.stats(), service, dest);
                    active.add(d.activeConnections(), service, dest);
                    inactive.add(d.inactiveConnections(), service, dest);
                    weight.add(d.destination().weight(), service, dest);
                }
            }
            s.draining().keySet().forEach(ref -> draining.add(1, ref.service().toString(),
                    ref.destination().toString()));
        }

        private static Families.Family[] statFamilies(Families f, String prefix, String what, List<String> labels) {
            return new Families.Family[] {
                f.counter(prefix + "_connections", "Connections scheduled to this " + what, labels),
                f.counter(prefix + "_in_packets", "Packets in (client to " + what + ")", labels),
                f.counter(prefix + "_out_packets", "Packets out (" + what + " to client; NAT only)", labels),
                f.counter(prefix + "_in_bytes", "Bytes in (client to " + what + ")", labels),
                f.counter(prefix + "_out_bytes", "Bytes out (" + what + " to client; NAT only)", labels),
            };
        }

        private static void stats(Families.Family[] fam, Stats st, String... labels) {
            fam[0].add(st.connections(), labels);
            fam[1].add(st.inPackets(), labels);
            fam[2].add(st.outPackets(), labels);
            fam[3].add(st.inBytes(), labels);
            fam[4].add(st.outBytes(), labels);
        }

        private static void vrrp(Snapshot s, Families f) {
            List<String> il = List.of("instance", "interface", "vrid");
            Families.Family state = f.gauge("holdfast_vrrp_state",
                    "1 for the instance's current state (INIT, BACKUP, MASTER, FAULT, STOP), 0 for the others",
                    List.of("instance", "interface", "vrid", "state"));
            Families.Family base = f.gauge("holdfast_vrrp_priority", "The configured priority", il);
            Families.Family effective = f.gauge("holdfast_vrrp_effective_priority",
                    "The priority advertised now: configured plus tracker weights, clamped to 1..254", il);
            Families.Family transitions = f.counter("holdfast_vrrp_transitions",
                    "State changes of the instance, by the state entered",
                    List.of("instance", "interface", "vrid", "to"));
            Families.Family last = f.gauge("holdfast_vrrp_last_transition_timestamp_seconds",
                    "When the instance last changed state", il);
            Families.Family sent = f.counter("holdfast_vrrp_adverts_sent", "Adverts sent by the instance (one per "
                    + "destination: each unicast peer counts)", il);
            Families.Family received = f.counter("holdfast_vrrp_adverts_received",
                    "Adverts for this instance received and accepted", il);
            Families.Family errors = f.counter("holdfast_vrrp_adverts_refused",
                    "Adverts for this instance refused, by reason (bad_ttl, auth_failure, interval_mismatch, ...)",
                    List.of("instance", "interface", "vrid", "reason"));
            Families.Family fault = f.gauge("holdfast_vrrp_fault_reasons",
                    "What holds the instance in FAULT now (interfaces down, failed trackers); 0 when nothing",
                    il);
            for (Snapshot.VrrpInstanceState i : s.vrrp()) {
                String vrid = Integer.toString(i.vrid());
                sent.add(i.advertsSent(), i.name(), i.iface(), vrid);
                received.add(i.advertsReceived(), i.name(), i.iface(), vrid);
                i.errors().forEach((k, n) -> errors.add(n, i.name(), i.iface(), vrid, k));
                fault.add(i.faults().size(), i.name(), i.iface(), vrid);
                for (String st : List.of("INIT", "BACKUP", "MASTER", "FAULT", "STOP")) {
                    state.add(st.equals(i.state()) ? 1 : 0, i.name(), i.iface(), vrid, st);
                }
                base.add(i.basePriority(), i.name(), i.iface(), vrid);
                effective.add(i.effectivePriority(), i.name(), i.iface(), vrid);
                for (String to : List.of("BACKUP", "MASTER", "FAULT", "STOP")) {
                    transitions.add(i.transitions().getOrDefault(to, 0L), i.name(), i.iface(), vrid, to);
                }
                if (i.lastTransition() != null) {
                    last.add(i.lastTransition().toEpochMilli() / 1e3, i.name(), i.iface(), vrid);
                }
            }
            Families.Family rejected = f.counter("holdfast_vrrp_packets_rejected",
                    "VRRP packets refused, by reason (bad TTL, wrong VRID, auth mismatch, ...)", List.of("reason"));
            s.vrrpRejects().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> rejected.add(e.getValue(), e.getKey()));
        }
    }

    /**
     * Metric families built in order and written as text format 0.0.4, exactly as simpleclient writes them
     * (counters get their _total name, label sets end with a comma, values print as Java doubles).
     */
    static final class Families {
        private final List<Family> all = new ArrayList<>();

        final class Family {
            private final String name;
            private final String type;
            private final String help;
            private final String[] labels;
            private final List<String[]> labelValues = new ArrayList<>();
            private double[] values = new double[8];

            Family(String name, String type, String help, List<String> labels) {
                this.name = name;
                this.type = type;
                this.help = help;
                this.labels = labels.toArray(String[]::new);
            }

            Family add(double value, String... values) {
                if (values.length != labels.length) {
                    throw new IllegalArgumentException(name + ": " + values.length + " label values for "
                            + labels.length + " labels");
                }
                int n = labelValues.size();
                if (n == this.values.length) {
                    this.values = java.util.Arrays.copyOf(this.values, n * 2);
                }
                this.values[n] = value;
                labelValues.add(values);
                return this;
            }

            private void writeTo(StringBuilder out) {
                out.append("# HELP ").append(name).append(' ');
                escape(out, help, false);
                out.append("\n# TYPE ").append(name).append(' ').append(type).append('\n');
                for (int i = 0; i < labelValues.size(); i++) {
                    out.append(name);
                    String[] v = labelValues.get(i);
                    if (v.length > 0) {
                        out.append('{');
                        for (int l = 0; l < v.length; l++) {
                            out.append(labels[l]).append("=\"");
                            escape(out, v[l], true);
                            out.append("\",");
                        }
                        out.append('}');
                    }
                    out.append(' ');
                    value(out, values[i]);
                    out.append('\n');
                }
            }
        }

        Family gauge(String name, String help, List<String> labels) {
            return add(new Family(name, "gauge", help, labels));
        }

        Family counter(String name, String help, List<String> labels) {
            return add(new Family(name + "_total", "counter", help, labels));
        }

        /** keepalived_exporter's counters carry no _total suffix; they are exposed untyped to stay lint-clean. */
        Family untyped(String name, String help, List<String> labels) {
            return add(new Family(name, "untyped", help, labels));
        }

        private Family add(Family f) {
            all.add(f);
            return f;
        }

        void writeTo(StringBuilder out) {
            for (Family f : all) {
                f.writeTo(out);
            }
        }

        /** Backslash and newline escaped; in label values the double quote too. */
        private static void escape(StringBuilder out, String s, boolean quote) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '"' -> out.append(quote ? "\\\"" : "\"");
                    default -> out.append(c);
                }
            }
        }

        /** As Java prints a double (simpleclient's format), without the string for the common whole numbers. */
        private static void value(StringBuilder out, double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e7) {
                if (d == 0 && 1 / d < 0) {
                    out.append("-0.0");
                } else {
                    out.append((long) d).append(".0");
                }
            } else if (Double.isInfinite(d)) {
                out.append(d > 0 ? "+Inf" : "-Inf");
            } else {
                out.append(d);
            }
        }
    }
}
