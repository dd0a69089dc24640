package dev.holdfast.daemon.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdfast.daemon.lvs.KernelWriter;
import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.lvs.VirtualServerStatus;
import dev.holdfast.ipvs.kernel.DestinationStatus;
import java.time.Instant;

/** The status page ({@code GET /status}, SIGUSR1 JSON): the director's state as one JSON document. */
public final class StatusJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusJson() {
    }

    public static String write(Snapshot s, String version) {
        try {
            return JSON.writeValueAsString(tree(s, version)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode read(String text) throws com.fasterxml.jackson.core.JsonProcessingException {
        return JSON.readTree(text);
    }

    static ObjectNode tree(Snapshot s, String version) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", version);
        root.put("taken_at", s.takenAt().toString());
        ObjectNode cfg = root.putObject("config");
        Snapshot.ConfigState c = s.config();
        cfg.put("file", c.file());
        cfg.put("hash", c.hash());
        cfg.put("loaded_at", c.loadedAt().toString());
        cfg.put("reloads_ok", c.reloadsOk());
        cfg.put("reloads_failed", c.reloadsFailed());
        cfg.put("last_reload_error", c.lastError());
        ArrayNode vss = root.putArray("virtual_servers");
        for (VirtualServerStatus vs : s.virtualServers()) {
            ObjectNode v = vss.addObject();
            v.put("service", vs.service().format());
            v.put("quorum_up", vs.quorumUp());
            v.put("sorry_server_active", vs.sorryServerActive());
            v.put("live_weight", vs.liveWeight());
            v.put("quorum", vs.quorum());
            v.put("hysteresis", vs.hysteresis());
            ArrayNode rss = v.putArray("real_servers");
            for (VirtualServerStatus.RealServerStatus rs : vs.realServers()) {
                ObjectNode r = rss.addObject();
                r.put("address", Labels.endpoint(rs.address(), rs.port()));
                r.put("state", rs.alive() ? "UP" : "DOWN");
                r.put("weight", rs.weight());
                r.put("effective_weight", rs.effectiveWeight());
                r.put("failed_checkers", rs.failedCheckers());
                ArrayNode chs = r.putArray("checkers");
                for (VirtualServerStatus.CheckerStatus ch : rs.checkers()) {
                    ObjectNode k = chs.addObject();
                    k.put("name", ch.name());
                    k.put("up", ch.up());
                    k.put("checks", ch.checks());
                    k.put("failures", ch.failures());
                    ch.lastResult().ifPresent(res -> {
                        k.put("last_result", res instanceof CheckResult.Failed ? "failed" : "passed");
                        k.put("reason", res.reason());
                    });
                    ch.lastResultAt().ifPresent(t -> k.put("last_result_at", t.toString()));
                    ch.probedBy().ifPresent(by -> k.put("probed_by", by));
                }
            }
        }
        ArrayNode ipvs = root.putArray("ipvs");
        for (KernelWriter.ServiceReading r : s.kernel()) {
            ObjectNode o = ipvs.addObject();
            o.put("service", r.service().service().key().toString());
            o.put("scheduler", r.service().service().scheduler());
            o.put("connections", r.service().stats().connections());
            o.put("retiring", r.retiring());
            ArrayNode ds = o.putArray("destinations");
            for (DestinationStatus d : r.destinations()) {
                ObjectNode x = ds.addObject();
                x.put("address", d.destination().key().toString());
                x.put("forwarding", d.destination().forwarding().toString());
                x.put("weight", d.destination().weight());
                x.put("active_connections", d.activeConnections());
                x.put("inactive_connections", d.inactiveConnections());
                Instant deadline = s.draining().get(new dev.holdfast.daemon.lvs.Drain.Ref(
                        r.service().service().key(), d.destination().key()));
                if (deadline != null) {
                    x.put("draining_until", deadline.toString());
                }
            }
        }
        ArrayNode vrrp = root.putArray("vrrp_instances");
        for (Snapshot.VrrpInstanceState i : s.vrrp()) {
            ObjectNode o = vrrp.addObject();
            o.put("name", i.name());
            o.put("interface", i.iface());
            o.put("vrid", i.vrid());
            o.put("state", i.state());
            o.put("priority", i.basePriority());
            o.put("effective_priority", i.effectivePriority());
            o.put("sync_group", i.syncGroup());
            o.put("adverts_sent", i.advertsSent());
            o.put("adverts_received", i.advertsReceived());
            ObjectNode refused = o.putObject("adverts_refused");
            new java.util.TreeMap<>(i.errors()).forEach(refused::put);
            ArrayNode faults = o.putArray("fault_reasons");
            i.faults().forEach(faults::add);
            o.put("transitions", i.transitions().values().stream().mapToLong(Long::longValue).sum());
            o.put("last_transition", i.lastTransition() == null ? null : i.lastTransition().toString());
        }
        ObjectNode rej = root.putObject("vrrp_packets_rejected");
        s.vrrpRejects().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> rej.put(e.getKey(), e.getValue()));
        return root;
    }
}
