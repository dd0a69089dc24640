package dev.holdfast.config.bind;

import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.diag.Position;
import dev.holdfast.config.grammar.BlockGrammar;
import dev.holdfast.config.grammar.Suggestions;
import dev.holdfast.config.grammar.Values;
import dev.holdfast.config.model.GlobalDefs;
import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.Seconds;
import dev.holdfast.config.model.VirtualAddress;
import dev.holdfast.config.model.VirtualServer;
import dev.holdfast.config.model.VirtualServerGroup;
import dev.holdfast.config.model.VrrpInstance;
import dev.holdfast.config.syntax.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the top level of a configuration and builds the whole model. */
public final class ConfigBinder {
    /** Keywords that only exist at top level: seeing one inside a block means a '}' was forgotten. */
    public static final Set<String> TOP_LEVEL_BLOCKS = Set.of("global_defs", "vrrp_instance", "vrrp_script",
            "vrrp_sync_group", "virtual_server", "virtual_server_group", "vrrp_track_process", "garp_group",
            "static_ipaddress", "static_routes", "static_rules", "bfd_instance", "net_namespace", "holdfast");

    /** The checker blocks of a real_server. */
    public static final Set<String> CHECKER_BLOCKS = Set.copyOf(LvsGrammar.CHECKERS);

    private final Diagnostics diags;
    private final ScriptReader scripts;
    private final GlobalGrammar globalGrammar = new GlobalGrammar();
    /** Made when the first VRRP block is met: a file for LVS alone never needs it. */
    private VrrpGrammar vrrpGrammar;
    private final LvsGrammar lvs;
    private final BlockGrammar<Object> top = new BlockGrammar<>("the top level");
    private final HoldfastBlock holdfastBlock = new HoldfastBlock();

    private final GlobalBuilder global = new GlobalBuilder();
    private final List<VrrpBuilders.VScript> vscripts = new ArrayList<>();
    private final List<VrrpBuilders.TFile> tfiles = new ArrayList<>();
    private final List<VrrpBuilders.TProcess> tprocs = new ArrayList<>();
    private final List<VrrpBuilders.Group> groups = new ArrayList<>();
    private final List<VrrpBuilders.Garp> garps = new ArrayList<>();
    private final List<VrrpBuilders.Instance> instances = new ArrayList<>();
    private final List<VirtualAddress> staticAddresses = new ArrayList<>();
    private final List<String> staticRoutes = new ArrayList<>();
    private final List<String> staticRules = new ArrayList<>();
    private final List<VirtualServerGroup> vsGroups = new ArrayList<>();
    private final List<ServerBuilders.Vs> servers = new ArrayList<>();
    private final Map<String, String> ssl = new LinkedHashMap<>();
    private final Map<String, String> other = new LinkedHashMap<>();
    private Position firstGlobal;

    private final Set<String> hostInterfaces;

    public ConfigBinder(Diagnostics diags, Set<String> hostUsers, Set<String> hostInterfaces) {
        this.hostInterfaces = hostInterfaces;
        this.diags = diags;
        this.scripts = new ScriptReader(hostUsers);
        this.lvs = new LvsGrammar(scripts);
        buildTop();
    }

    /** Every block's keyword table, for the generated compatibility documentation. */
    public List<BlockGrammar<?>> grammars() {
        List<BlockGrammar<?>> all = new ArrayList<>(List.of(top, globalGrammar.g, holdfastBlock.g, vrrp().instance, vrrp().auth,
                vrrp().script, vrrp().trackFile, vrrp().trackProcess, vrrp().syncGroup, vrrp().garpGroup, lvs.vs, lvs.rs, lvs.url));
        all.addAll(lvs.allCheckers());
        all.add(lvs.smtpHost);
        return all;
    }

    private VrrpGrammar vrrp() {
        if (vrrpGrammar == null) {
            vrrpGrammar = new VrrpGrammar(scripts);
        }
        return vrrpGrammar;
    }

    private String name(Statement st, Values v) {
        String n = v.string(0, "a name");
        v.atMost(1);
        return n;
    }

    private boolean block(Statement st) {
        if (!st.hasBlock()) {
            diags.error(st.position(), Kind.SYNTAX, "'" + st.name() + "' needs a { block }; ignored");
            return false;
        }
        return true;
    }

    private void buildTop() {
        top.add("global_defs", "global settings", (o, st, v) -> {
            if (firstGlobal != null) {
                diags.warning(st.position(), Kind.DUPLICATE, "second global_defs block (first at line "
                        + firstGlobal.line() + "); its settings are merged, later values win");
            } else {
                firstGlobal = st.position();
            }
            if (block(st)) {
                globalGrammar.g.bind(st.block(), global, diags);
            }
        });
        top.add("holdfast", "holdfast-only settings (as @holdfast lines keepalived skips them)", (o, st, v) -> {
            if (block(st)) {
                holdfastBlock.g.bind(st.block(), holdfastBlock, diags);
            }
        });
        top.add("vrrp_instance", "a VRRP instance", (o, st, v) -> {
            String n = name(st, v);
            if (n != null && block(st)) {
                VrrpBuilders.Instance b = new VrrpBuilders.Instance(n, st.position());
                vrrp().instance.bind(st.block(), b, diags);
                instances.add(b);
            }
        });
        top.add("vrrp_script", "a tracking script", (o, st, v) -> {
            String n = name(st, v);
            if (n != null && block(st)) {
                VrrpBuilders.VScript b = new VrrpBuilders.VScript(n, st.position());
                vrrp().script.bind(st.block(), b, diags);
                vscripts.add(b);
            }
        });
        top.add("track_file", "a tracked value file", (o, st, v) -> {
            String n = name(st, v);
            if (n != null && block(st)) {
                VrrpBuilders.TFile b = new VrrpBuilders.TFile(n, st.position());
                vrrp().trackFile.bind(st.block(), b, diags);
                tfiles.add(b);
            }
        });
        top.deprecated("vrrp_track_file", "track_file");
        top.add("vrrp_track_process", "a tracked process", (o, st, v) -> {
            String n = name(st, v);
            if (n != null && block(st)) {
                VrrpBuilders.TProcess b = new VrrpBuilders.TProcess(n, st.position());
                vrrp().trackProcess.bind(st.block(), b, diags);
                tprocs.add(b);
            }
        });
        top.add("vrrp_sync_group", "instances that move together", (o, st, v) -> {
            String n = name(st, v);
            if (n != null && block(st)) {
                VrrpBuilders.Group b = new VrrpBuilders.Group(n, st.position());
                vrrp().syncGroup.bind(st.block(), b, diags);
                groups.add(b);
            }
        });
        top.add("garp_group", "ARP/NA rate limits", (o, st, v) -> {
            if (block(st)) {
                VrrpBuilders.Garp b = new VrrpBuilders.Garp(st.position());
                vrrp().garpGroup.bind(st.block(), b, diags);
                garps.add(b);
            }
        });
        top.add("static_ipaddress", "{ addresses always configured }", (o, st, v) -> VrrpGrammar.lines(st, v, w -> {
            VirtualAddress a = VrrpGrammar.address(w, diags);
            if (a != null) {
                staticAddresses.add(a);
            }
        }));
        top.add("static_routes", "{ routes always configured }", (o, st, v) -> VrrpGrammar.lines(st, v, w -> {
            if (RouteLines.check(w, false, diags)) {
                staticRoutes.add(String.join(" ", w.stream().map(t -> t.text()).toList()));
            }
        }));
        top.add("static_rules", "{ rules always configured }", (o, st, v) -> VrrpGrammar.lines(st, v, w -> {
            if (RouteLines.check(w, true, diags)) {
                staticRules.add(String.join(" ", w.stream().map(t -> t.text()).toList()));
            }
        }));
        top.add("virtual_server_group", "addresses sharing one virtual_server", (o, st, v) -> {
            String n = name(st, v);
            if (n != null && block(st)) {
                vsGroups.add(VirtualServerGroups.read(n, st, diags));
            }
        });
        top.add("virtual_server", "an IPVS service", (o, st, v) -> virtualServer(st, v));
        top.add("SSL", "{ password ca certificate key } for SSL_GET", (o, st, v) -> {
            if (block(st)) {
                for (Statement s : st.block()) {
                    if (List.of("password", "ca", "certificate", "key").contains(s.name())) {
                        ssl.put(s.name(), new Values(s, diags).joined());
                    } else {
                        diags.error(s.position(), Kind.UNKNOWN_KEYWORD, "unknown keyword '" + s.name()
                                + "' in SSL (expected password, ca, certificate or key)");
                    }
                }
            }
        });
        for (String k : List.of("bfd_instance", "net_namespace", "net_namespace_ipvs", "namespace_with_ipsets",
                "instance", "use_pid_dir", "linkbeat_use_polling", "child_wait_time", "linkbeat_interfaces",
                "interface_up_down_delays", "track_group")) {
            top.noEffect(k, "accepted for compatibility; no effect in holdfast", o -> other);
        }
        top.neighbours(List.of(() -> globalGrammar.g, () -> vrrp().instance, () -> lvs.vs, () -> lvs.rs));
        globalGrammar.g.neighbours(List.of(() -> vrrp().instance, () -> lvs.vs, () -> vrrp().script));
    }

    private void virtualServer(Statement st, Values v) {
        if (!block(st)) {
            return;
        }
        ServerBuilders.Vs b = new ServerBuilders.Vs(st.position());
        String first = v.string(0, "an address and port, 'fwmark N' or 'group NAME'");
        if (first == null) {
            return;
        }
        if (first.equals("fwmark")) {
            Long mark = v.integer(1, 0, 4_294_967_295L);
            if (mark == null) {
                return;
            }
            String fam = v.optString(2);
            b.key = new VirtualServer.Fwmark(mark, fam);
        } else if (first.equals("group")) {
            String g = v.string(1, "a virtual_server_group name");
            if (g == null) {
                return;
            }
            b.key = new VirtualServer.Group(g);
        } else {
            IpAddress ip = v.address(0, "an address");
            if (ip == null) {
                return;
            }
            Integer port = v.count() > 1 ? v.port(1) : Integer.valueOf(0);
            if (port == null) {
                return;
            }
            v.atMost(2);
            b.key = new VirtualServer.Address(ip, port);
        }
        lvs.vs.bind(st.block(), b, diags);
        servers.add(b);
    }

    public void bind(List<Statement> statements) {
        for (Statement st : statements) {
            if (!st.keyword().quoted() && !top.knows(st.name())) {
                unknownTop(st);
                continue;
            }
            top.bindOne(st, null, diags);
        }
    }

    private void unknownTop(Statement st) {
        String name = st.name();
        String near = Suggestions.nearest(name, top.keywords().stream().map(k -> k.name()).toList());
        String where = null;
        if (globalGrammar.g.knows(name)) {
            where = "global_defs";
        } else if (vrrp().instance.knows(name)) {
            where = "vrrp_instance";
        } else if (lvs.vs.knows(name)) {
            where = "virtual_server";
        }
        String shown = name.length() > 60 ? name.substring(0, 57) + "..." : name;
        String hint = near != null ? "; did you mean '" + near + "'?" : where != null
                ? "; '" + name + "' belongs inside a " + where + " block" : "";
        diags.error(st.position(), Kind.UNKNOWN_KEYWORD, "unknown keyword '" + shown + "' at top level" + hint
                + (st.hasBlock() ? " (its block is skipped)" : ""));
    }

    public KeepalivedConfig build() {
        GlobalDefs g = resolveGlobal();
        References refs = new References(diags, hostInterfaces);
        var model = refs.check(g, vscripts, tfiles, tprocs, groups, garps, instances, vsGroups, servers,
                new VrrpResolver(diags, g), new LvsResolver(diags, g));
        return new KeepalivedConfig(g, model.scripts(), model.trackFiles(), model.processes(), model.groups(),
                model.garps(), model.instances(), List.copyOf(staticAddresses), List.copyOf(staticRoutes),
                List.copyOf(staticRules), List.copyOf(vsGroups), model.servers(), Map.copyOf(ssl), Map.copyOf(other),
                holdfastBlock.settings());
    }

    private GlobalDefs resolveGlobal() {
        GlobalBuilder b = global;
        long masterDelay = b.garpMasterDelay != null ? b.garpMasterDelay : 5_000_000L;
        int masterRepeat = b.garpMasterRepeat != null ? b.garpMasterRepeat : 5;
        if (b.minGarp) {
            masterDelay = 0;
            masterRepeat = 1;
        }
        VrrpInstance.Garp garp = new VrrpInstance.Garp(Seconds.ofMicros(masterDelay), masterRepeat,
                Seconds.ofMicros(b.garpLowerPrioDelay != null ? b.garpLowerPrioDelay : masterDelay),
                b.garpLowerPrioRepeat != null ? b.garpLowerPrioRepeat : masterRepeat,
                Seconds.ofMicros(b.garpMasterRefresh != null ? b.garpMasterRefresh : 0),
                b.garpMasterRefreshRepeat != null ? b.garpMasterRefreshRepeat : 1,
                Seconds.ofMicros(b.garpInterval != null ? b.garpInterval : 0),
                Seconds.ofMicros(b.gnaInterval != null ? b.gnaInterval : 0));
        String host = HostInfo.shortHostname();
        return new GlobalDefs(b.routerId != null ? b.routerId : host, List.copyOf(b.emails),
                b.emailFrom != null ? b.emailFrom : "keepalived@" + host, b.smtpServer,
                b.smtpPort != null ? b.smtpPort : 25, b.smtpHelo != null ? b.smtpHelo : host,
                Seconds.ofMicros(b.smtpTimeout != null ? b.smtpTimeout : 30_000_000L), b.smtpAlert, b.smtpAlertVrrp,
                b.smtpAlertChecker, b.noEmailFaults, b.checkerLogAllFailures != null && b.checkerLogAllFailures,
                b.noCheckerEmails, b.rsInitNotifies, b.scriptUser, b.scriptGroup, b.enableScriptSecurity, b.notifyFifo,
                b.vrrpNotifyFifo, b.lvsNotifyFifo, b.lvsTimeouts, b.lvsFlush, b.lvsFlushOnStop, b.syncDaemon,
                b.mcast4 != null ? b.mcast4 : IpAddress.parse("224.0.0.18"),
                b.mcast6 != null ? b.mcast6 : IpAddress.parse("ff02::12"),
                b.defaultInterface != null ? b.defaultInterface : "eth0", b.vrrpVersion != null ? b.vrrpVersion : 2,
                b.v3ChecksumAsV2, garp, b.minGarp, b.downTimerAdverts != null ? b.downTimerAdverts : 3,
                b.lowerPrioNoAdvert != null && b.lowerPrioNoAdvert,
                b.higherPrioSendAdvert != null && b.higherPrioSendAdvert,
                b.ownerIgnoreAdverts != null && b.ownerIgnoreAdverts, b.checkUnicastSrc, b.skipCheckAdvAddr,
                b.strict, b.dynamicInterfaces, Seconds.ofMicros(b.startupDelay != null ? b.startupDelay : 0),
                b.stateDumpFile != null ? b.stateDumpFile : "/tmp/keepalived.data",
                b.statsDumpFile != null ? b.statsDumpFile : "/tmp/keepalived.stats",
                b.jsonDumpFile != null ? b.jsonDumpFile : "/tmp/keepalived.json", b.randomSeed, Map.copyOf(b.other));
    }
}
