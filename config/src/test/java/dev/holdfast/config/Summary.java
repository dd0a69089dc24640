package dev.holdfast.config;

import dev.holdfast.config.model.Checker;
import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.RealServer;
import dev.holdfast.config.model.VirtualServer;
import dev.holdfast.config.model.VrrpInstance;
import dev.holdfast.config.model.VrrpScript;
import java.util.stream.Collectors;

/** A compact, reviewable rendering of what a configuration means: the values a golden file pins. */
final class Summary {
    private Summary() {
    }

    static String of(LoadResult r) {
        StringBuilder sb = new StringBuilder();
        r.diagnostics().forEach(d -> sb.append("! ").append(d).append('\n'));
        KeepalivedConfig c = r.config();
        if (c == null) {
            return sb.append("(no configuration)\n").toString();
        }
        var g = c.globalDefs();
        sb.append("global: emails=").append(g.notificationEmail()).append(" smtp=").append(g.smtpServer())
                .append(" strict=").append(g.vrrpStrict()).append(" script_security=").append(g.enableScriptSecurity())
                .append(" mcast4=").append(g.vrrpMcastGroup4()).append('\n');
        for (VrrpScript s : c.vrrpScripts()) {
            sb.append("vrrp_script ").append(s.name()).append(": ").append(s.script().argv()).append(" interval=")
                    .append(s.interval()).append(" weight=").append(s.weight()).append(" rise=").append(s.rise())
                    .append(" fall=").append(s.fall()).append('\n');
        }
        c.vrrpSyncGroups().forEach(sg -> sb.append("sync_group ").append(sg.name()).append(": ").append(sg.group())
                .append('\n'));
        for (VrrpInstance v : c.vrrpInstances()) {
            sb.append("vrrp_instance ").append(v.name()).append(": state=").append(v.state()).append(" if=")
                    .append(v.iface()).append(" vrid=").append(v.virtualRouterId()).append(" prio=")
                    .append(v.priority()).append(" advert=").append(v.advertInt()).append(" v").append(v.version())
                    .append(v.authentication() == null ? "" : " auth=" + v.authentication().authType() + ":"
                            + v.authentication().authPass())
                    .append(v.nopreempt() ? " nopreempt" : "")
                    .append(v.preemptDelay().micros() > 0 ? " preempt_delay=" + v.preemptDelay() : "")
                    .append(" vips=").append(v.virtualIpaddress().stream().map(a -> a.ip() + "/" + a.prefix()
                            + (a.dev() != null ? " dev " + a.dev() : "") + (a.label() != null ? " label " + a.label() : "")
                            + (a.brd() != null ? " brd " + a.brd() : "")).collect(Collectors.toList()))
                    .append(v.trackScript().isEmpty() ? "" : " track_script=" + v.trackScript().stream()
                            .map(t -> t.name() + (t.weight() == null ? "" : ":" + t.weight())).toList())
                    .append(v.trackInterface().isEmpty() ? "" : " track_interface=" + v.trackInterface().stream()
                            .map(VrrpInstance.Tracked::name).toList())
                    .append(v.unicastPeer().isEmpty() ? "" : " unicast=" + v.unicastSrcIp() + "->"
                            + v.unicastPeer().stream().map(p -> p.ip().toString()).toList());
            var n = v.notifyScripts();
            if (n.master() != null) {
                sb.append(" notify_master=").append(n.master().argv());
            }
            if (n.backup() != null) {
                sb.append(" notify_backup=").append(n.backup().argv());
            }
            if (n.fault() != null) {
                sb.append(" notify_fault=").append(n.fault().argv());
            }
            sb.append('\n');
        }
        for (VirtualServer vs : c.virtualServers()) {
            sb.append("virtual_server ").append(vs.label()).append(' ').append(vs.protocol()).append(": sched=")
                    .append(vs.lvsSched()).append(vs.schedulerFlags().isEmpty() ? "" : vs.schedulerFlags())
                    .append(" method=").append(vs.lvsMethod().method()).append(" persistence=")
                    .append(vs.persistenceTimeout()).append(" delay_loop=").append(vs.delayLoop())
                    .append(" quorum=").append(vs.quorum()).append(" hysteresis=").append(vs.hysteresis())
                    .append(vs.sorryServer() == null ? "" : " sorry=" + vs.sorryServer().label())
                    .append(vs.alpha() ? " alpha" : "").append(vs.omega() ? " omega" : "").append('\n');
            for (RealServer rs : vs.realServers()) {
                sb.append("  real_server ").append(rs.label()).append(" weight=").append(rs.weight())
                        .append(rs.inhibitOnFailure() ? " inhibit" : "").append('\n');
                for (Checker ch : rs.checkers()) {
                    var s = ch.schedule();
                    sb.append("    ").append(ch.type()).append(' ').append(target(ch)).append(" retry=")
                            .append(s.retry()).append(" delay_before_retry=").append(s.delayBeforeRetry())
                            .append(" delay_loop=").append(s.delayLoop()).append(s.alpha() ? " alpha" : "")
                            .append(detail(ch)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String target(Checker c) {
        Checker.Connection k = null;
        if (c instanceof Checker.Http h) {
            k = h.connection();
        } else if (c instanceof Checker.Tcp t) {
            k = t.connection();
        } else if (c instanceof Checker.Smtp s) {
            k = s.connection();
        } else if (c instanceof Checker.Dns d) {
            k = d.connection();
        } else if (c instanceof Checker.Udp u) {
            k = u.connection();
        } else if (c instanceof Checker.Ping p) {
            k = p.connection();
        }
        return k == null ? "" : k.connectIp() + ":" + k.connectPort() + " timeout=" + k.connectTimeout()
                + (k.bindto() != null ? " bindto=" + k.bindto() : "");
    }

    private static String detail(Checker c) {
        if (c instanceof Checker.Http h) {
            return " urls=" + h.urls().stream().map(u -> u.path() + (u.digest() != null ? "#" + u.digest() : "")
                    + u.statusCode().stream().map(r -> r[0] == r[1] ? "" + r[0] : r[0] + "-" + r[1])
                    .collect(Collectors.joining(",", "[", "]"))).toList();
        }
        if (c instanceof Checker.Misc m) {
            return " misc=" + m.miscPath().argv() + " timeout=" + m.miscTimeout() + (m.miscDynamic() ? " dynamic" : "");
        }
        if (c instanceof Checker.Smtp s) {
            return " helo=" + s.heloName();
        }
        return "";
    }
}
