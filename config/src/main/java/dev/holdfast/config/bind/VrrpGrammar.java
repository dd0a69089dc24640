package dev.holdfast.config.bind;

import dev.holdfast.config.diag.Diagnostic;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.grammar.BlockGrammar;
import dev.holdfast.config.grammar.Values;
import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.model.VirtualAddress;
import dev.holdfast.config.model.VrrpInstance;
import dev.holdfast.config.syntax.Statement;
import dev.holdfast.config.syntax.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Keyword tables of vrrp_instance, vrrp_script, track_file, vrrp_track_process, vrrp_sync_group, garp_group. */
final class VrrpGrammar {
    private static final long DAY = 86_400_000_000L;
    final BlockGrammar<VrrpBuilders.Instance> instance = new BlockGrammar<>("vrrp_instance");
    final BlockGrammar<VrrpBuilders.Instance> auth = new BlockGrammar<>("authentication");
    final BlockGrammar<VrrpBuilders.VScript> script = new BlockGrammar<>("vrrp_script");
    final BlockGrammar<VrrpBuilders.TFile> trackFile = new BlockGrammar<>("track_file");
    final BlockGrammar<VrrpBuilders.TProcess> trackProcess = new BlockGrammar<>("vrrp_track_process");
    final BlockGrammar<VrrpBuilders.Group> syncGroup = new BlockGrammar<>("vrrp_sync_group");
    final BlockGrammar<VrrpBuilders.Garp> garpGroup = new BlockGrammar<>("garp_group");
    private final ScriptReader scripts;

    VrrpGrammar(ScriptReader scripts) {
        this.scripts = scripts;
        buildInstance();
        buildScript();
        buildTrackFile();
        buildTrackProcess();
        buildSyncGroup();
        garpGroup.add("garp_interval", "ARP spacing", (b, st, v) -> b.garpInterval = v.timer(0, 0, DAY));
        garpGroup.add("gna_interval", "NA spacing", (b, st, v) -> b.gnaInterval = v.timer(0, 0, DAY));
        garpGroup.add("interface", "interface", (b, st, v) -> { String i = v.string(0, "an interface"); if (i != null) { b.interfaces.add(i); } });
        garpGroup.add("interfaces", "{ interfaces }", (b, st, v) -> lines(st, v, w -> b.interfaces.add(w.get(0).text())));
        instance.neighbours(script, syncGroup);
        script.neighbours(instance);
    }

    /** Each line of a list block, as its words. */
    static void lines(Statement st, Values v, Consumer<List<Token>> each) {
        if (!st.hasBlock()) {
            if (v.count() > 0) {
                each.accept(st.args());
                return;
            }
            v.error(-1, "needs a { block }");
            return;
        }
        for (Statement line : st.block()) {
            if (line.hasBlock()) {
                v.diagnostics().error(line.position(), Diagnostic.Kind.SYNTAX,
                        "unexpected block inside '" + st.name() + "'; ignored");
                continue;
            }
            each.accept(line.words());
        }
    }

    static VrrpInstance.Tracked tracked(List<Token> w, Diagnostics d, int min, int max) {
        String name = w.get(0).text();
        Integer weight = null;
        boolean reverse = false;
        for (int i = 1; i < w.size(); i++) {
            String s = w.get(i).text();
            if (s.equals("weight") && i + 1 < w.size()) {
                String n = w.get(++i).text();
                try {
                    int x = Integer.parseInt(n);
                    if (x < min || x > max) {
                        throw new NumberFormatException();
                    }
                    weight = x;
                } catch (NumberFormatException e) {
                    d.error(w.get(i).position(), Diagnostic.Kind.VALUE,
                            "'" + name + "': weight '" + n + "' is not a number in " + min + ".." + max);
                }
            } else if (s.equals("reverse")) {
                reverse = true;
            } else if (s.equals("noreverse")) {
                reverse = false;
            } else {
                d.error(w.get(i).position(), Diagnostic.Kind.VALUE,
                        "'" + name + "': unexpected '" + s + "' (expected weight N, reverse or noreverse)");
            }
        }
        return new VrrpInstance.Tracked(name, weight, reverse, w.get(0).position());
    }

    /** One virtual_ipaddress line. */
    static VirtualAddress address(List<Token> w, Diagnostics d) {
        String first = w.get(0).text();
        String ipText = first;
        Integer prefix = null;
        int slash = first.indexOf('/');
        if (slash >= 0) {
            ipText = first.substring(0, slash);
        }
        IpAddress ip = IpAddress.parse(ipText);
        if (ip == null) {
            d.error(w.get(0).position(), Diagnostic.Kind.VALUE, "'" + first
                    + "' is not an address[/prefix]" + (first.startsWith("<") ? " (a template placeholder?)" : ""));
            return null;
        }
        if (slash >= 0) {
            String m = first.substring(slash + 1);
            IpAddress mask = IpAddress.parse(m);
            try {
                prefix = mask != null && !mask.ipv6() ? maskToPrefix(mask.bytes()) : Integer.parseInt(m);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > ip.maxPrefix()) {
                d.error(w.get(0).position(), Diagnostic.Kind.VALUE,
                        "'" + first + "': prefix must be 0.." + ip.maxPrefix());
                return null;
            }
        }
        String brd = null;
        String dev = null;
        String scope = null;
        String label = null;
        IpAddress peer = null;
        boolean noTrack = false;
        String lft = null;
        List<String> flags = new ArrayList<>();
        for (int i = 1; i < w.size(); i++) {
            String k = w.get(i).text();
            String val = i + 1 < w.size() ? w.get(i + 1).text() : null;
            switch (k) {
                case "brd", "broadcast" -> { brd = val; i++; }
                case "dev" -> { dev = val; i++; }
                case "scope" -> { scope = val; i++; }
                case "label" -> { label = val; i++; }
                case "peer" -> { peer = val == null ? null : IpAddress.parse(val); i++; }
                case "preferred_lft" -> { lft = val; i++; }
                case "track_group" -> { flags.add("track_group " + val); i++; }
                case "no_track" -> noTrack = true;
                case "home", "-nodad", "nodad", "mngtmpaddr", "noprefixroute", "autojoin", "use_vmac" -> flags.add(k);
                default -> d.error(w.get(i).position(), Diagnostic.Kind.VALUE,
                        "'" + first + "': unknown address option '" + k + "'");
            }
            if (val == null && List.of("brd", "broadcast", "dev", "scope", "label", "peer", "preferred_lft",
                    "track_group").contains(k)) {
                d.error(w.get(i - 1).position(), Diagnostic.Kind.VALUE,
                        "'" + first + "': '" + k + "' needs a value");
            }
        }
        return new VirtualAddress(ip, prefix == null ? ip.maxPrefix() : prefix, brd, dev, scope, label, peer,
                noTrack, lft, List.copyOf(flags));
    }

    private static int maskToPrefix(byte[] b) {
        int n = 0;
        boolean zero = false;
        for (byte x : b) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = ((x >> bit) & 1) == 1;
                if (one && zero) {
                    return -1;
                }
                if (one) {
                    n++;
                } else {
                    zero = true;
                }
            }
        }
        return n;
    }

    private void buildInstance() {
        var g = instance;
        g.add("state", "initial state MASTER|BACKUP", (b, st, v) -> {
            String s = v.string(0, "MASTER or BACKUP");
            if (s == null) {
                return;
            }
            if (s.equals("MASTER") || s.equals("BACKUP")) {
                b.state = VrrpInstance.State.valueOf(s);
                v.atMost(1);
                return;
            }
            String near = dev.holdfast.config.grammar.Suggestions.nearest(s, List.of("MASTER", "BACKUP"));
            if (near == null && s.equalsIgnoreCase("master")) {
                near = "MASTER";
            }
            VrrpInstance.State meant = near == null ? VrrpInstance.State.BACKUP : VrrpInstance.State.valueOf(near);
            v.error(0, "unknown state '" + s + "'" + (near != null ? "; did you mean '" + near + "'?" : "")
                    + " read as " + meant + (near == null ? " (keepalived's default)" : ""));
            b.state = meant;
        });
        g.add("interface", "interface for adverts", (b, st, v) -> b.iface = v.string(0, "an interface name"));
        g.add("virtual_router_id", "VRID 1..255", (b, st, v) -> {
            b.vrid = v.integer32(0, 1, 255);
            b.vridAt = st.position();
        });
        g.add("priority", "1..255 (255 = address owner)", (b, st, v) -> b.priority = v.integer32(0, 1, 255));
        g.add("advert_int", "advert interval in seconds", (b, st, v) -> b.advertInt = v.timer(0, 10_000, 255_000_000));
        g.add("version", "VRRP version 2|3", (b, st, v) -> b.version = v.choice(0, Values.ordered("2", 2, "3", 3), true));
        g.add("authentication", "{ auth_type PASS|AH; auth_pass }", (b, st, v) -> {
            if (st.hasBlock()) {
                auth.bind(st.block(), b, v.diagnostics());
            } else {
                v.error(-1, "needs a { block }");
            }
        });
        auth.add("auth_type", "PASS|AH", (b, st, v) -> b.authType = v.choice(0, Values.ordered("PASS", "PASS", "AH", "AH"), true));
        auth.add("auth_pass", "password (first 8 characters used)", (b, st, v) -> {
            b.authPass = v.string(0, "a password");
            if (b.authPass != null && b.authPass.length() > 8) {
                v.warning(0, "only the first 8 characters of the password are used (as keepalived does)");
                b.authPass = b.authPass.substring(0, 8);
            }
        });
        g.add("virtual_ipaddress", "{ addresses }", (b, st, v) -> lines(st, v, w -> {
            VirtualAddress a = address(w, v.diagnostics());
            if (a != null) {
                b.vips.add(a);
            }
        }));
        g.add("virtual_ipaddress_excluded", "{ addresses not in adverts }", (b, st, v) -> lines(st, v, w -> {
            VirtualAddress a = address(w, v.diagnostics());
            if (a != null) {
                b.excluded.add(a);
            }
        }));
        g.add("no_virtual_ipaddress", "allow no VIP", (b, st, v) -> b.noVip = true);
        g.add("virtual_routes", "{ routes added when MASTER }", (b, st, v) -> lines(st, v, w -> {
            if (RouteLines.check(w, false, v.diagnostics())) {
                b.routes.add(join(w));
            }
        }));
        g.add("virtual_rules", "{ rules added when MASTER }", (b, st, v) -> lines(st, v, w -> {
            if (RouteLines.check(w, true, v.diagnostics())) {
                b.rules.add(join(w));
            }
        }));
        g.add("track_interface", "{ IF [weight N] }", (b, st, v) -> lines(st, v, w ->
                b.trackInterface.add(tracked(w, v.diagnostics(), -253, 253))));
        g.add("track_script", "{ vrrp_script names }", (b, st, v) -> lines(st, v, w ->
                b.trackScript.add(tracked(w, v.diagnostics(), -253, 253))));
        g.add("track_file", "{ track_file names }", (b, st, v) -> lines(st, v, w ->
                b.trackFile.add(tracked(w, v.diagnostics(), -254, 254))));
        g.add("track_process", "{ vrrp_track_process names }", (b, st, v) -> lines(st, v, w ->
                b.trackProcess.add(tracked(w, v.diagnostics(), -254, 254))));
        g.add("track_bfd", "{ bfd_instance names }", (b, st, v) -> lines(st, v, w ->
                b.trackBfd.add(tracked(w, v.diagnostics(), -253, 253))));
        g.add("mcast_src_ip", "advert source address", (b, st, v) -> b.mcastSrcIp = v.address(0, "an address"));
        g.add("unicast_src_ip", "unicast advert source", (b, st, v) -> b.unicastSrcIp = v.address(0, "an address"));
        g.add("mcast_dst_ip", "advert multicast group", (b, st, v) -> b.mcastDstIp = v.address(0, "an address"));
        g.add("unicast_peer", "{ peer addresses }", (b, st, v) -> lines(st, v, w -> {
            IpAddress ip = IpAddress.parse(w.get(0).text());
            if (ip == null) {
                v.diagnostics().error(w.get(0).position(), Diagnostic.Kind.VALUE,
                        "'" + w.get(0).text() + "' is not a unicast peer address");
                return;
            }
            Integer minTtl = null;
            Integer maxTtl = null;
            for (int i = 1; i + 1 < w.size(); i += 2) {
                int n = parseIntOr(w.get(i + 1).text(), -1);
                if (w.get(i).text().equals("min_ttl")) {
                    minTtl = n;
                } else if (w.get(i).text().equals("max_ttl")) {
                    maxTtl = n;
                }
            }
            b.peers.add(new VrrpInstance.UnicastPeer(ip, minTtl, maxTtl));
        }));
        g.add("check_unicast_src", "accept only configured peers", (b, st, v) -> b.checkUnicastSrc = true);
        g.add("unicast_ttl", "TTL of unicast adverts", (b, st, v) -> b.unicastTtl = v.integer32(0, 0, 255));
        g.add("nopreempt", "never preempt a live master", (b, st, v) -> b.nopreempt = true);
        g.add("preempt", "no-op (backward compatibility)", (b, st, v) -> { });
        g.add("preempt_delay", "seconds before preempting", (b, st, v) -> b.preemptDelay = v.timer(0, 0, 1_000_000_000L));
        g.add("accept", "accept packets to VIPs", (b, st, v) -> b.accept = true);
        g.add("no_accept", "drop packets to VIPs", (b, st, v) -> b.accept = false);
        g.add("dont_track_primary", "ignore faults of the interface", (b, st, v) -> b.dontTrackPrimary = true);
        g.add("skip_check_adv_addr", "skip the VIP list check", (b, st, v) -> b.skipCheckAdvAddr = v.optBool(0));
        g.add("strict_mode", "RFC strict mode", (b, st, v) -> b.strict = v.optBool(0));
        g.add("lower_prio_no_advert", "no advert on lower priority", (b, st, v) -> b.lowerPrioNoAdvert = v.optBool(0));
        g.add("higher_prio_send_advert", "advert before yielding", (b, st, v) -> b.higherPrioSendAdvert = v.optBool(0));
        g.add("owner_ignore_adverts", "owner ignores adverts", (b, st, v) -> b.ownerIgnoreAdverts = v.optBool(0));
        g.add("down_timer_adverts", "adverts before master down", (b, st, v) -> b.downTimerAdverts = v.integer32(0, 1, 100));
        g.add("garp_master_delay", "second GARP burst delay", (b, st, v) -> b.garpMasterDelay = v.timer(0, 0, DAY));
        g.add("garp_master_repeat", "GARPs per burst", (b, st, v) -> b.garpMasterRepeat = v.integer32(0, 0, 65535));
        g.add("garp_lower_prio_delay", "GARP delay on lower priority", (b, st, v) -> b.garpLowerPrioDelay = v.timer(0, 0, DAY));
        g.add("garp_lower_prio_repeat", "GARPs on lower priority", (b, st, v) -> b.garpLowerPrioRepeat = v.integer32(0, 0, 65535));
        g.add("garp_master_refresh", "periodic GARP", (b, st, v) -> b.garpMasterRefresh = v.timer(0, 0, DAY));
        g.add("garp_master_refresh_repeat", "GARPs per refresh", (b, st, v) -> b.garpMasterRefreshRepeat = v.integer32(0, 0, 65535));
        g.add("notify_master", "script on MASTER", (b, st, v) -> b.notifyMaster = scripts.read(v));
        g.add("notify_backup", "script on BACKUP", (b, st, v) -> b.notifyBackup = scripts.read(v));
        g.add("notify_fault", "script on FAULT", (b, st, v) -> b.notifyFault = scripts.read(v));
        g.add("notify_stop", "script on STOP", (b, st, v) -> b.notifyStop = scripts.read(v));
        g.add("notify_deleted", "script when removed on reload", (b, st, v) -> b.notifyDeleted = v.count() == 0 ? null : scripts.read(v));
        g.add("notify", "script on every state (4 extra args)", (b, st, v) -> b.notify = scripts.read(v));
        g.add("notify_master_rx_lower_pri", "script on lower-priority advert", (b, st, v) -> b.notifyMasterRxLowerPri = scripts.read(v));
        g.add("smtp_alert", "email on state change", (b, st, v) -> b.smtpAlert = v.optBool(0));
        g.add("promote_secondaries", "set promote_secondaries", (b, st, v) -> b.promoteSecondaries = true);
        g.add("use_vmac", "macvlan VMAC", (b, st, v) -> b.useVmac = v.count() == 0 ? "" : v.joined());
        for (String k : List.of("vrf", "use_vmac_addr", "vmac_xmit_base", "use_ipvlan", "native_ipv6", "track_src_ip",
                "unicast_fault_no_peer", "old_unicast_checksum", "v3_checksum_as_v2", "auth_hmac", "debug",
                "notify_priority_changes", "garp_extra_if", "timer_expired_backup", "kernel_rx_buf_size",
                "linkbeat_use_polling", "lvs_sync_daemon_interface")) {
            g.noEffect(k, "accepted for compatibility; no effect in holdfast", b -> b.other);
        }
        g.deprecated("vmac_garp_intvl", "garp_extra_if");
        g.deprecated("thread_timer_expired", "timer_expired_backup");
    }

    private static int parseIntOr(String s, int dflt) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static String join(List<Token> w) {
        return w.stream().map(Token::text).collect(Collectors.joining(" "));
    }

    private void buildScript() {
        var g = script;
        g.add("script", "command to run", (b, st, v) -> b.script = scripts.read(v));
        g.add("interval", "seconds between runs", (b, st, v) -> b.interval = v.timer(0, 1000, DAY));
        g.add("timeout", "seconds before the run fails", (b, st, v) -> b.timeout = v.timer(0, 1000, DAY));
        g.add("weight", "-253..253 [reverse]", (b, st, v) -> {
            b.weight = v.integer32(0, -253, 253);
            if ("reverse".equals(v.optString(1))) {
                b.reverse = true;
            }
        });
        g.add("rise", "successes to be OK", (b, st, v) -> b.rise = v.integer32(0, 1, Integer.MAX_VALUE));
        g.add("fall", "failures to be KO", (b, st, v) -> b.fall = v.integer32(0, 1, Integer.MAX_VALUE));
        g.add("init_fail", "start failed", (b, st, v) -> b.initFail = true);
        g.noEffect("user", "run as user [group]", b -> b.other);
    }

    private void buildTrackFile() {
        var g = trackFile;
        g.add("file", "path of the value file", (b, st, v) -> b.file = v.string(0, "a file path"));
        g.add("weight", "-254..254 [reverse]", (b, st, v) -> {
            b.weight = v.integer32(0, -254, 254);
            b.reverse = "reverse".equals(v.optString(1));
        });
        g.add("init_file", "[VALUE] [overwrite]", (b, st, v) -> {
            b.initFile = v.count() > 0 && !"overwrite".equals(v.optString(0)) ? v.optString(0) : "0";
            b.overwrite = v.joined().contains("overwrite");
        });
    }

    private void buildTrackProcess() {
        var g = trackProcess;
        g.add("process", "process name [params]", (b, st, v) -> {
            b.process = v.string(0, "a process name");
            List<String> p = new ArrayList<>();
            for (int i = 1; i < v.count(); i++) {
                p.add(v.optString(i));
            }
            b.params = List.copyOf(p);
        });
        g.add("param_match", "initial|partial", (b, st, v) ->
                b.paramMatch = v.choice(0, Values.ordered("initial", "initial", "partial", "partial"), true));
        g.add("weight", "-254..254 [reverse]", (b, st, v) -> {
            b.weight = v.integer32(0, -254, 254);
            b.reverse = "reverse".equals(v.optString(1));
        });
        g.add("quorum", "minimum processes", (b, st, v) -> b.quorum = v.integer(0, 0, Integer.MAX_VALUE));
        g.add("quorum_max", "maximum processes", (b, st, v) -> b.quorumMax = v.integer(0, 0, Integer.MAX_VALUE));
        g.add("delay", "seconds before a change counts", (b, st, v) -> b.delay = v.timer(0, 0, DAY));
        g.add("fork_delay", "delay after a fork", (b, st, v) -> b.forkDelay = v.timer(0, 0, DAY));
        g.add("terminate_delay", "delay after an exit", (b, st, v) -> b.terminateDelay = v.timer(0, 0, DAY));
        g.add("full_command", "match the whole command line", (b, st, v) -> b.fullCommand = true);
    }

    private void buildSyncGroup() {
        var g = syncGroup;
        g.add("group", "{ member instances }", (b, st, v) -> {
            b.hadGroupBlock = true;
            lines(st, v, w -> {
                for (Token t : w) {
                    b.members.add(t.text());
                    b.memberAt.add(t.position());
                }
            });
        });
        g.add("track_interface", "{ interfaces }", (b, st, v) -> lines(st, v, w ->
                b.trackInterface.add(tracked(w, v.diagnostics(), -253, 253))));
        g.add("track_script", "{ vrrp_scripts }", (b, st, v) -> lines(st, v, w ->
                b.trackScript.add(tracked(w, v.diagnostics(), -253, 253))));
        g.add("track_file", "{ track_files }", (b, st, v) -> lines(st, v, w ->
                b.trackFile.add(tracked(w, v.diagnostics(), -254, 254))));
        g.add("track_process", "{ processes }", (b, st, v) -> lines(st, v, w ->
                b.trackProcess.add(tracked(w, v.diagnostics(), -254, 254))));
        g.noEffect("track_bfd", "{ bfd instances }", b -> b.other);
        g.add("notify_master", "script", (b, st, v) -> b.notifyMaster = scripts.read(v));
        g.add("notify_backup", "script", (b, st, v) -> b.notifyBackup = scripts.read(v));
        g.add("notify_fault", "script", (b, st, v) -> b.notifyFault = scripts.read(v));
        g.add("notify_stop", "script", (b, st, v) -> b.notifyStop = scripts.read(v));
        g.add("notify", "script with 4 extra args", (b, st, v) -> b.notify = scripts.read(v));
        g.add("smtp_alert", "email on state change", (b, st, v) -> b.smtpAlert = v.optBool(0));
        g.add("sync_group_tracking_weight", "allow weighted trackers", (b, st, v) -> b.trackingWeight = true);
        g.noEffect("notify_priority_changes", "FIFO priority events", b -> b.other);
        g.noEffect("global_tracking", "deprecated no-op", b -> b.other);
    }
}
