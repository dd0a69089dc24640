package dev.holdfast.config.bind;

import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.diag.Position;
import dev.holdfast.config.diag.Severity;
import dev.holdfast.config.model.Checker;
import dev.holdfast.config.model.GarpGroup;
import dev.holdfast.config.model.GlobalDefs;
import dev.holdfast.config.model.RealServer;
import dev.holdfast.config.model.Script;
import dev.holdfast.config.model.Seconds;
import dev.holdfast.config.model.SyncGroup;
import dev.holdfast.config.model.TrackFile;
import dev.holdfast.config.model.TrackProcess;
import dev.holdfast.config.model.VirtualServer;
import dev.holdfast.config.model.VirtualServerGroup;
import dev.holdfast.config.model.VrrpInstance;
import dev.holdfast.config.model.VrrpScript;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the named objects and checks what refers to what: duplicates, dangling track_script / track_file /
 * sync-group members / virtual_server_group names, VRID conflicts, and scripts without enable_script_security.
 */
final class References {
    private final Diagnostics diags;
    private Position firstScript;

    private final java.util.Set<String> hostInterfaces;

    References(Diagnostics diags, java.util.Set<String> hostInterfaces) {
        this.diags = diags;
        this.hostInterfaces = hostInterfaces;
    }

    record Model(List<VrrpScript> scripts, List<TrackFile> trackFiles, List<TrackProcess> processes,
            List<SyncGroup> groups, List<GarpGroup> garps, List<VrrpInstance> instances,
            List<VirtualServer> servers) {
    }

    Model check(GlobalDefs g, List<VrrpBuilders.VScript> vscripts, List<VrrpBuilders.TFile> tfiles,
            List<VrrpBuilders.TProcess> tprocs, List<VrrpBuilders.Group> groups, List<VrrpBuilders.Garp> garps,
            List<VrrpBuilders.Instance> instances, List<VirtualServerGroup> vsGroups,
            List<ServerBuilders.Vs> servers, VrrpResolver vrrp, LvsResolver lvs) {
        Map<String, VrrpScript> scripts = new LinkedHashMap<>();
        for (VrrpBuilders.VScript s : vscripts) {
            if (scripts.containsKey(s.name)) {
                diags.error(s.position, Kind.DUPLICATE, "vrrp_script " + s.name + " is defined twice (first at line "
                        + scripts.get(s.name).position().line() + "); this one is ignored, as keepalived uses the first");
                continue;
            }
            if (s.script == null) {
                diags.error(s.position, Kind.SEMANTIC, "vrrp_script " + s.name + " has no 'script'; ignored");
                continue;
            }
            noteScript(s.script, s.position);
            long interval = s.interval != null ? s.interval : 1_000_000L;
            scripts.put(s.name, new VrrpScript(s.name, s.script, Seconds.ofMicros(interval),
                    Seconds.ofMicros(s.timeout != null ? s.timeout : interval), s.weight == null ? 0 : s.weight,
                    s.reverse, s.rise == null ? 1 : s.rise, s.fall == null ? 1 : s.fall, s.initFail, s.position));
        }
        Map<String, TrackFile> files = new LinkedHashMap<>();
        for (VrrpBuilders.TFile f : tfiles) {
            if (files.containsKey(f.name)) {
                diags.error(f.position, Kind.DUPLICATE, "track_file " + f.name + " is defined twice; this one is ignored");
                continue;
            }
            if (f.file == null) {
                diags.error(f.position, Kind.SEMANTIC, "track_file " + f.name + " has no 'file'; ignored");
                continue;
            }
            files.put(f.name, new TrackFile(f.name, f.file, f.weight == null ? 1 : f.weight, f.reverse, f.initFile,
                    f.overwrite, f.position));
        }
        Map<String, TrackProcess> procs = new LinkedHashMap<>();
        for (VrrpBuilders.TProcess p : tprocs) {
            if (procs.containsKey(p.name) || p.process == null) {
                diags.error(p.position, Kind.SEMANTIC, "vrrp_track_process " + p.name
                        + (p.process == null ? " has no 'process'" : " is defined twice") + "; ignored");
                continue;
            }
            procs.put(p.name, new TrackProcess(p.name, p.process, p.params, p.paramMatch == null ? "initial"
                    : p.paramMatch, p.weight == null ? 0 : p.weight, p.reverse, p.quorum == null ? 1 : p.quorum,
                    p.quorumMax == null ? Long.MAX_VALUE : p.quorumMax, Seconds.ofMicros(orZero(p.delay)),
                    Seconds.ofMicros(orZero(p.forkDelay)), Seconds.ofMicros(orZero(p.terminateDelay)),
                    p.fullCommand, p.position));
        }
        List<VrrpInstance> insts = new ArrayList<>();
        Map<String, VrrpInstance> byName = new HashMap<>();
        Map<String, VrrpInstance> byVrid = new HashMap<>();
        for (VrrpBuilders.Instance b : instances) {
            if (byName.containsKey(b.name)) {
                diags.error(b.position, Kind.DUPLICATE, "vrrp_instance " + b.name + " is defined twice (first at line "
                        + byName.get(b.name).position().line() + "); this one is ignored");
                continue;
            }
            refs(b.trackScript, scripts.keySet(), "vrrp_instance " + b.name, "track_script", "vrrp_script");
            refs(b.trackFile, files.keySet(), "vrrp_instance " + b.name, "track_file", "track_file");
            refs(b.trackProcess, procs.keySet(), "vrrp_instance " + b.name, "track_process", "vrrp_track_process");
            VrrpInstance vi = vrrp.resolve(b);
            if (vi == null) {
                continue;
            }
            for (Script s : java.util.Arrays.asList(vi.notifyScripts().master(), vi.notifyScripts().backup(),
                    vi.notifyScripts().fault(), vi.notifyScripts().stop(), vi.notifyScripts().generic())) {
                noteScript(s, vi.position());
            }
            if (vi.unicastPeer().isEmpty()) {
                String key = vi.iface() + "/" + vi.family() + "/" + vi.mcastDstIp() + "/" + vi.virtualRouterId();
                VrrpInstance clash = byVrid.putIfAbsent(key, vi);
                if (clash != null) {
                    diags.error(b.vridAt != null ? b.vridAt : b.position, Kind.DUPLICATE, "vrrp_instance " + vi.name()
                            + ": virtual_router_id " + vi.virtualRouterId() + " is already used by "
                            + clash.name() + " on interface " + vi.iface() + " (line " + clash.position().line()
                            + "); both would fight over the same VRRP group");
                }
            }
            if (hostInterfaces != null && !g.dynamicInterfaces()) {
                hostInterfaces(vi);
            }
            byName.put(vi.name(), vi);
            insts.add(vi);
        }
        List<SyncGroup> syncGroups = new ArrayList<>();
        Map<String, String> memberOf = new HashMap<>();
        for (VrrpBuilders.Group gb : groups) {
            if (!gb.hadGroupBlock) {
                diags.error(gb.position, Kind.SEMANTIC, "vrrp_sync_group " + gb.name + " has no 'group { ... }' "
                        + "listing its instances; ignored");
                continue;
            }
            List<String> members = new ArrayList<>();
            for (int i = 0; i < gb.members.size(); i++) {
                String m = gb.members.get(i);
                if (!byName.containsKey(m)) {
                    diags.error(gb.memberAt.get(i), Kind.REFERENCE, "vrrp_sync_group " + gb.name + ": no vrrp_instance "
                            + "named '" + m + "'" + hint(m, byName.keySet()));
                    continue;
                }
                String prev = memberOf.putIfAbsent(m, gb.name);
                if (prev != null) {
                    diags.error(gb.memberAt.get(i), Kind.DUPLICATE, "vrrp_instance " + m + " is already in sync group "
                            + prev + "; an instance belongs to one group");
                    continue;
                }
                members.add(m);
            }
            if (members.size() == 1) {
                diags.warning(gb.position, Kind.SEMANTIC, "vrrp_sync_group " + gb.name + " has one member; "
                        + "a group only matters with two or more");
            }
            refs(gb.trackScript, scripts.keySet(), "vrrp_sync_group " + gb.name, "track_script", "vrrp_script");
            refs(gb.trackFile, files.keySet(), "vrrp_sync_group " + gb.name, "track_file", "track_file");
            syncGroups.add(new SyncGroup(gb.name, List.copyOf(members), List.copyOf(gb.trackInterface),
                    List.copyOf(gb.trackScript), List.copyOf(gb.trackFile), List.copyOf(gb.trackProcess),
                    new VrrpInstance.Notify(gb.notifyMaster, gb.notifyBackup, gb.notifyFault, gb.notifyStop, null,
                            gb.notify, null), gb.smtpAlert != null && gb.smtpAlert, gb.trackingWeight, gb.position));
        }
        List<GarpGroup> garpGroups = garps.stream().map(x -> new GarpGroup(Seconds.ofMicros(orZero(x.garpInterval)),
                Seconds.ofMicros(orZero(x.gnaInterval)), List.copyOf(x.interfaces), x.position)).toList();
        Map<String, VirtualServerGroup> vsg = new HashMap<>();
        for (VirtualServerGroup group : vsGroups) {
            if (vsg.putIfAbsent(group.name(), group) != null) {
                diags.error(group.position(), Kind.DUPLICATE, "virtual_server_group " + group.name()
                        + " is defined twice; this one is ignored");
            }
        }
        List<VirtualServer> vss = new ArrayList<>();
        Map<String, VirtualServer> keys = new HashMap<>();
        for (ServerBuilders.Vs b : servers) {
            if (b.key instanceof VirtualServer.Group grp && !vsg.containsKey(grp.name())) {
                diags.error(b.position, Kind.REFERENCE, "virtual_server group " + grp.name() + ": no "
                        + "virtual_server_group of that name" + hint(grp.name(), vsg.keySet()) + "; ignored");
                continue;
            }
            for (ServerBuilders.Rs r : b.realServers) {
                for (CheckerBuilder c : r.checkers) {
                    if (c.type.equals("FILE_CHECK") && c.trackFile != null) {
                        TrackFile tf = files.get(c.trackFile);
                        if (tf == null) {
                            diags.error(c.position, Kind.REFERENCE, "FILE_CHECK: no track_file named '"
                                    + c.trackFile + "'" + hint(c.trackFile, files.keySet()));
                            c.trackFile = null;
                        } else if (c.fileWeight == null) {
                            c.fileWeight = (long) tf.weight();
                            c.fileReverse = tf.reverse();
                        }
                    }
                }
            }
            VirtualServer vs = lvs.resolve(b);
            if (vs.realServers().isEmpty()) {
                continue;
            }
            String key = vs.key() + "/" + vs.protocol();
            VirtualServer clash = keys.putIfAbsent(key, vs);
            if (clash != null) {
                diags.error(b.position, Kind.DUPLICATE, "virtual_server " + vs.label() + " " + vs.protocol()
                        + " is already defined at line " + clash.position().line() + "; this one is ignored");
                continue;
            }
            noteScript(vs.quorumUp(), vs.position());
            noteScript(vs.quorumDown(), vs.position());
            for (RealServer rs : vs.realServers()) {
                noteScript(rs.notifyUp(), rs.position());
                noteScript(rs.notifyDown(), rs.position());
                for (Checker c : rs.checkers()) {
                    if (c instanceof Checker.Misc m) {
                        noteScript(m.miscPath(), m.position());
                    }
                }
            }
            vss.add(vs);
        }
        if (firstScript != null && !g.enableScriptSecurity()) {
            diags.report(firstScript, Severity.ERROR, Kind.SECURITY, "scripts are configured but global_defs has no "
                    + "'enable_script_security' (keepalived -t reports a SECURITY VIOLATION and exits 6)");
        }
        return new Model(List.copyOf(scripts.values()), List.copyOf(files.values()), List.copyOf(procs.values()),
                List.copyOf(syncGroups), garpGroups, List.copyOf(insts), List.copyOf(vss));
    }

    /** Warns about interfaces the instance uses that this host does not have (as keepalived -t does). */
    private void hostInterfaces(VrrpInstance vi) {
        java.util.Set<String> missing = new java.util.LinkedHashSet<>();
        if (vi.iface() != null && !hostInterfaces.contains(vi.iface())) {
            diags.warning(vi.position(), Kind.HOST, "vrrp_instance " + vi.name() + ": interface " + vi.iface()
                    + " does not exist on this host (the instance would start in FAULT here)");
        }
        for (var a : vi.virtualIpaddress()) {
            if (a.dev() != null) {
                missing.add(a.dev());
            }
        }
        for (var t : vi.trackInterface()) {
            missing.add(t.name());
        }
        for (String route : vi.virtualRoutes()) {
            String[] w = route.split(" ");
            for (int i = 0; i + 1 < w.length; i++) {
                if (w[i].equals("dev")) {
                    missing.add(w[i + 1]);
                }
            }
        }
        missing.removeIf(hostInterfaces::contains);
        missing.remove(vi.iface());
        if (!missing.isEmpty()) {
            diags.warning(vi.position(), Kind.HOST, "vrrp_instance " + vi.name() + ": interface"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + (missing.size() > 1 ? " do" : " does") + " not exist on this host");
        }
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private void noteScript(Script s, Position at) {
        if (s != null && (firstScript == null || at.compareTo(firstScript) < 0)) {
            firstScript = at;
        }
    }

    private void refs(List<VrrpInstance.Tracked> tracked, java.util.Set<String> known, String owner, String keyword,
            String target) {
        tracked.removeIf(t -> {
            if (known.contains(t.name())) {
                return false;
            }
            diags.error(t.position(), Kind.REFERENCE, owner + ": " + keyword + " '" + t.name() + "' names no "
                    + target + hint(t.name(), known) + "; ignored");
            return true;
        });
    }

    private static String hint(String name, java.util.Collection<String> known) {
        String near = dev.holdfast.config.grammar.Suggestions.nearest(name, known);
        return near == null ? "" : " (did you mean '" + near + "'?)";
    }
}
