package dev.holdfast.config.bind;

import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.model.Checker;
import dev.holdfast.config.model.Forwarding;
import dev.holdfast.config.model.GlobalDefs;
import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.model.RealServer;
import dev.holdfast.config.model.Seconds;
import dev.holdfast.config.model.VirtualServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds virtual servers from what their blocks said: keepalived's defaults, the VS -> RS -> checker inheritance and
 * the normalisation of validate_check_config (protocol, ports per forwarding method, persistence for port 0,
 * duplicate real servers, family mismatches, quorum and hysteresis limits).
 */
final class LvsResolver {
    private static final long SEC = 1_000_000L;
    private final Diagnostics diags;
    private final GlobalDefs global;

    LvsResolver(Diagnostics diags, GlobalDefs global) {
        this.diags = diags;
        this.global = global;
    }

    VirtualServer resolve(ServerBuilders.Vs b) {
        String label = b.key.toString();
        boolean fwmark = b.key instanceof VirtualServer.Fwmark;
        VirtualServer.Protocol protocol = b.protocol;
        if (fwmark && protocol != null) {
            diags.warning(b.protocolAt, Kind.SEMANTIC, "virtual_server " + label
                    + ": 'protocol' is ignored for a fwmark service");
            protocol = null;
        }
        if (!fwmark && protocol == null) {
            diags.error(b.position, Kind.SEMANTIC, "virtual_server " + label + ": no 'protocol' set; defaulting to "
                    + "UDP as keepalived does (add 'protocol TCP' for a TCP service)");
            protocol = VirtualServer.Protocol.UDP;
        }
        if (b.sched == null) {
            diags.warning(b.position, Kind.SEMANTIC, "virtual_server " + label
                    + ": no lvs_sched set; using wlc as keepalived does");
        }
        Forwarding method = b.method;
        if (method == null) {
            diags.warning(b.position, Kind.SEMANTIC, "virtual_server " + label
                    + ": no lvs_method set; using NAT as keepalived does");
            method = Forwarding.NAT;
        }
        long persistence = b.persistenceTimeout == null ? 0 : b.persistenceTimeout;
        int vsPort = b.key instanceof VirtualServer.Address a ? a.port() : 0;
        if (b.key instanceof VirtualServer.Address && vsPort == 0 && persistence == 0) {
            diags.warning(b.position, Kind.SEMANTIC, "virtual_server " + label
                    + ": port 0 needs persistence; persistence_timeout 360 assumed as keepalived does");
            persistence = 360;
        }
        if (b.ops && protocol != null && protocol != VirtualServer.Protocol.UDP) {
            diags.error(b.position, Kind.SEMANTIC, "virtual_server " + label + ": 'ops' only applies to UDP; ignored");
            b.ops = false;
        }
        if (b.haSuspend && fwmark) {
            diags.error(b.position, Kind.SEMANTIC, "virtual_server " + label
                    + ": 'ha_suspend' cannot be used with a fwmark service; ignored");
            b.haSuspend = false;
        }
        long delayLoop = b.delayLoop != null ? b.delayLoop : 60 * SEC;
        boolean vsAlpha = b.alpha != null && b.alpha;
        boolean vsInhibit = b.inhibit != null && b.inhibit;
        boolean smtpVs = b.smtpAlert != null ? b.smtpAlert : firstNonNull(global.smtpAlertChecker(),
                global.smtpAlert(), Boolean.FALSE);
        Boolean vsFamily6 = familyOf(b.key);
        List<RealServer> servers = new ArrayList<>();
        // address and port: two with the same are one server (see RealServer#label)
        Set<Map.Entry<IpAddress, Integer>> seen = new HashSet<>();
        for (ServerBuilders.Rs r : b.realServers) {
            RealServer rs = realServer(b, r, method, vsPort, fwmark, vsFamily6, delayLoop, vsAlpha, vsInhibit, label);
            if (rs == null) {
                continue;
            }
            if (!seen.add(Map.entry(rs.ip(), rs.port()))) {
                diags.error(r.position, Kind.DUPLICATE, "virtual_server " + label + ": real_server " + rs.label()
                        + " appears twice; this one is ignored");
                continue;
            }
            servers.add(rs);
        }
        if (servers.isEmpty()) {
            diags.warning(b.position, Kind.SEMANTIC, "virtual_server " + label
                    + " has no real servers; keepalived ignores it, so does holdfast");
        }
        RealServer sorry = null;
        if (b.sorry != null) {
            Forwarding sm = b.sorryMethod != null ? b.sorryMethod : method;
            b.sorry.method = sm;
            b.sorry.weight = 1L;
            b.sorry.inhibit = b.sorryInhibit;
            sorry = realServer(b, b.sorry, method, vsPort, fwmark, vsFamily6, delayLoop, vsAlpha, vsInhibit,
                    label + " sorry_server");
        }
        long totalWeight = 0;
        for (RealServer rs : servers) {
            totalWeight += rs.weight();
        }
        long quorum = b.quorum == null ? 1 : b.quorum;
        if (quorum > totalWeight && totalWeight > 0) {
            diags.warning(b.position, Kind.SEMANTIC, "virtual_server " + label + ": quorum " + quorum
                    + " is more than the total weight " + totalWeight + " of its real servers; reduced to "
                    + totalWeight + " as keepalived does");
            quorum = totalWeight;
        }
        long hysteresis = b.hysteresis == null ? 0 : b.hysteresis;
        if (hysteresis >= quorum && hysteresis > 0) {
            diags.warning(b.position, Kind.SEMANTIC, "virtual_server " + label + ": hysteresis " + hysteresis
                    + " must be below quorum " + quorum + "; set to " + (quorum - 1));
            hysteresis = quorum - 1;
        }
        Set<String> flags = new LinkedHashSet<>(b.flags);
        return new VirtualServer(b.key, protocol, b.sched == null ? "wlc" : b.sched, Set.copyOf(flags), method,
                persistence, b.persistenceGranularity, b.persistenceEngine, b.ops, b.haSuspend, b.virtualhost,
                vsAlpha, b.omega, quorum, hysteresis, b.quorumUp, b.quorumDown, sorry, b.sorryInhibit, vsInhibit,
                Seconds.ofMicros(delayLoop), Seconds.ofMicros(b.connectTimeout != null ? b.connectTimeout : 5 * SEC),
                Seconds.ofMicros(b.warmup != null ? b.warmup : delayLoop), b.weight == null ? 1 : b.weight, smtpVs,
                b.ipFamily != null ? b.ipFamily : vsFamily6 == null ? null : vsFamily6 ? "inet6" : "inet",
                List.copyOf(servers), Map.copyOf(b.other), b.position);
    }

    private static Boolean familyOf(VirtualServer.Key key) {
        if (key instanceof VirtualServer.Address a) {
            return a.ip().ipv6();
        }
        if (key instanceof VirtualServer.Fwmark f && f.family() != null) {
            return f.family().equals("inet6");
        }
        return null;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private RealServer realServer(ServerBuilders.Vs vs, ServerBuilders.Rs r, Forwarding vsMethod, int vsPort,
            boolean fwmark, Boolean vsFamily6, long vsDelayLoop, boolean vsAlpha, boolean vsInhibit, String vsLabel) {
        Forwarding m = r.method != null ? r.method : vsMethod;
        int port = r.port == null ? 0 : r.port;
        // the subject of a message, made only when there is one to give
        Supplier<String> where = () -> "virtual_server " + vsLabel + ": real_server " + r.ip;
        if (fwmark) {
            if (r.port != null && r.port != 0 && m.method() != Forwarding.Method.NAT) {
                diags.warning(r.position, Kind.SEMANTIC, where.get() + ": the port of a real server of a fwmark service "
                        + "is not used with " + m.method() + "; cleared");
                port = 0;
            }
        } else if (m.method() == Forwarding.Method.NAT) {
            if (r.port == null) {
                port = vsPort;
            }
        } else if (vs.key instanceof VirtualServer.Address) {
            if (r.port != null && r.port != vsPort) {
                diags.warning(r.position, Kind.SEMANTIC, where.get() + ": with " + m.method() + " the real server port must "
                        + "be the virtual server's; " + r.port + " changed to " + vsPort);
            }
            port = vsPort;
        }
        if (vsFamily6 != null && r.ip.ipv6() != vsFamily6 && m.method() != Forwarding.Method.TUN) {
            diags.error(r.position, Kind.SEMANTIC, where.get() + ": address family differs from the virtual server's "
                    + "(only TUN real servers may differ); ignored");
            return null;
        }
        long delayLoop = r.delayLoop != null ? r.delayLoop : vsDelayLoop;
        boolean alpha = r.alpha != null ? r.alpha : vsAlpha;
        boolean inhibit = r.inhibit != null ? r.inhibit : vsInhibit;
        boolean smtp = r.smtpAlert != null ? r.smtpAlert : firstNonNull(global.smtpAlertChecker(), global.smtpAlert(),
                Boolean.TRUE);
        String vhost = r.virtualhost != null ? r.virtualhost : vs.virtualhost;
        long weight = r.weight != null ? r.weight : vs.weight != null ? vs.weight : 1;
        List<Checker> checkers = new ArrayList<>();
        for (CheckerBuilder c : r.checkers) {
            List<CheckerBuilder> expanded = new ArrayList<>();
            expanded.add(c);
            if (!c.hosts.isEmpty()) {
                boolean topSet = c.connectIp != null || c.connectPort != null || c.bindto != null;
                expanded.clear();
                if (topSet) {
                    expanded.add(c);
                }
                for (CheckerBuilder h : c.hosts) {
                    h.heloName = c.heloName;
                    h.retry = h.retry != null ? h.retry : c.retry;
                    h.delayBeforeRetry = h.delayBeforeRetry != null ? h.delayBeforeRetry : c.delayBeforeRetry;
                    h.delayLoop = h.delayLoop != null ? h.delayLoop : c.delayLoop;
                    h.warmup = h.warmup != null ? h.warmup : c.warmup;
                    h.alpha = h.alpha != null ? h.alpha : c.alpha;
                    h.connectTimeout = h.connectTimeout != null ? h.connectTimeout : c.connectTimeout;
                    expanded.add(h);
                }
            }
            for (CheckerBuilder e : expanded) {
                Checker built = checker(e, vs, r, port, delayLoop, alpha, vhost, vsDelayLoop, where);
                if (built != null) {
                    checkers.add(built);
                }
            }
        }
        return new RealServer(r.ip, port, weight, m, r.uthreshold == null ? 0 : r.uthreshold,
                r.lthreshold == null ? 0 : r.lthreshold, inhibit, r.notifyUp, r.notifyDown, alpha, smtp, vhost,
                List.copyOf(checkers), r.position);
    }

    private Checker checker(CheckerBuilder c, ServerBuilders.Vs vs, ServerBuilders.Rs r, int rsPort,
            long rsDelayLoop, boolean rsAlpha, String rsVhost, long vsDelayLoop, Supplier<String> where) {
        long delayLoop = c.delayLoop != null ? c.delayLoop : rsDelayLoop;
        long defRetry;
        long defDelay;
        switch (c.type) {
            case "HTTP_GET", "SSL_GET" -> {
                defRetry = 1;
                defDelay = 3 * SEC;
            }
            case "DNS_CHECK" -> {
                defRetry = 3;
                defDelay = delayLoop;
            }
            case "MISC_CHECK" -> {
                defRetry = 0;
                defDelay = SEC;
            }
            default -> {
                defRetry = 1;
                defDelay = SEC;
            }
        }
        long retry = c.retry != null ? c.retry : r.retry != null ? r.retry : vs.retry != null ? vs.retry : defRetry;
        long delayBeforeRetry = c.delayBeforeRetry != null ? c.delayBeforeRetry : r.delayBeforeRetry != null
                ? r.delayBeforeRetry : vs.delayBeforeRetry != null ? vs.delayBeforeRetry : defDelay;
        long warmup = c.warmup != null ? c.warmup : r.warmup != null ? r.warmup : vs.warmup != null ? vs.warmup
                : delayLoop;
        boolean alpha = c.type.equals("FILE_CHECK") ? false : c.alpha != null ? c.alpha : rsAlpha;
        boolean logAll = c.logAllFailures != null ? c.logAllFailures : global.checkerLogAllFailures();
        Checker.Schedule sched = new Checker.Schedule(Seconds.ofMicros(delayLoop), Seconds.ofMicros(delayBeforeRetry),
                retry, Seconds.ofMicros(warmup), alpha, logAll);
        long timeout = c.connectTimeout != null ? c.connectTimeout : r.connectTimeout != null ? r.connectTimeout
                : vs.connectTimeout != null ? vs.connectTimeout : 5 * SEC;
        IpAddress connectIp = c.connectIp != null ? c.connectIp : r.ip;
        if (c.bindto != null && connectIp != null && c.bindto.ipv6() != connectIp.ipv6()) {
            diags.error(c.position, Kind.SEMANTIC, where.get() + ": " + c.type + " bindto " + c.bindto
                    + " is not of the family of " + connectIp + "; bindto ignored");
            c.bindto = null;
        }
        Checker.Connection conn = new Checker.Connection(connectIp, c.connectPort != null ? c.connectPort : rsPort,
                c.bindto, c.bindPort, c.bindIf, Seconds.ofMicros(timeout), c.fwmark);
        switch (c.type) {
            case "HTTP_GET", "SSL_GET" -> {
                if (c.urls.isEmpty()) {
                    diags.error(c.position, Kind.SEMANTIC, where.get() + ": " + c.type + " has no url block; keepalived "
                            + "drops such a checker, so does holdfast");
                    return null;
                }
                String vhost = c.virtualhost != null ? c.virtualhost : rsVhost;
                List<Checker.Url> urls = new ArrayList<>();
                for (CheckerBuilder.UrlBuilder u : c.urls) {
                    List<int[]> codes = u.statusCode.isEmpty() ? List.of(new int[] {200, 299}) : List.copyOf(u.statusCode);
                    urls.add(new Checker.Url(u.path, u.digest, codes, u.virtualhost != null ? u.virtualhost : vhost,
                            u.regex, u.regexNoMatch, u.regexOptions, u.regexMinOffset, u.regexMaxOffset,
                            u.tlsCompliant));
                }
                return new Checker.Http(c.type.equals("SSL_GET"), conn, sched,
                        c.httpProtocol == null ? "1.0" : c.httpProtocol, vhost,
                        c.fastRecovery != null && c.fastRecovery, c.enableSni != null && c.enableSni, c.sniName,
                        c.tlsCompliant != null && c.tlsCompliant, List.copyOf(urls), c.position);
            }
            case "TCP_CHECK" -> {
                return new Checker.Tcp(conn, sched, c.position);
            }
            case "SMTP_CHECK" -> {
                return new Checker.Smtp(conn, sched, c.heloName != null ? c.heloName
                        : global.smtpHeloName(), c.position);
            }
            case "MISC_CHECK" -> {
                if (c.miscPath == null) {
                    diags.error(c.position, Kind.SEMANTIC, where.get() + ": MISC_CHECK without misc_path ignored");
                    return null;
                }
                var script = c.miscPath;
                if (c.user != null) {
                    String[] ug = c.user.split("[ :]+");
                    script = new dev.holdfast.config.model.Script(script.command(), script.argv(), ug[0],
                            ug.length > 1 ? ug[1] : null);
                }
                return new Checker.Misc(script, Seconds.ofMicros(c.miscTimeout != null ? c.miscTimeout : vsDelayLoop),
                        c.miscDynamic, sched, c.position);
            }
            case "DNS_CHECK" -> {
                return new Checker.Dns(conn, sched, c.dnsType == null ? "SOA" : c.dnsType,
                        c.dnsName == null ? "." : c.dnsName, c.position);
            }
            case "UDP_CHECK" -> {
                return new Checker.Udp(conn, sched, c.payload, c.requireReply,
                        c.minReplyLength == null ? 0 : c.minReplyLength,
                        c.maxReplyLength == null ? 255 : c.maxReplyLength, c.position);
            }
            case "PING_CHECK" -> {
                return new Checker.Ping(conn, sched, c.position);
            }
            case "FILE_CHECK" -> {
                if (c.trackFile == null) {
                    diags.error(c.position, Kind.SEMANTIC, where.get() + ": FILE_CHECK without track_file ignored");
                    return null;
                }
                return new Checker.File(c.trackFile, c.fileWeight == null ? Long.MIN_VALUE : c.fileWeight,
                        c.fileReverse, sched, c.position);
            }
            case "BFD_CHECK" -> {
                if (c.bfdName == null) {
                    diags.error(c.position, Kind.SEMANTIC, where.get() + ": BFD_CHECK without name ignored");
                    return null;
                }
                return new Checker.Bfd(c.bfdName, sched, c.position);
            }
            default -> {
                return null;
            }
        }
    }
}
