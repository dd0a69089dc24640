package dev.holdfast.config.bind;

import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.grammar.BlockGrammar;
import dev.holdfast.config.grammar.Values;
import dev.holdfast.config.model.Forwarding;
import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.model.VirtualServer;
import dev.holdfast.config.syntax.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keyword tables of virtual_server, real_server, sorry_server, the checkers and url blocks. */
final class LvsGrammar {
    static final long DAY = 86_400_000_000L;
    static final List<String> SCHEDULERS =
            List.of("rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf", "lblcr", "sed", "nq", "twos");
    static final List<String> CHECKERS = List.of("HTTP_GET", "SSL_GET", "TCP_CHECK", "SMTP_CHECK", "MISC_CHECK",
            "DNS_CHECK", "UDP_CHECK", "PING_CHECK", "FILE_CHECK", "BFD_CHECK");

    final BlockGrammar<ServerBuilders.Vs> vs = new BlockGrammar<>("virtual_server");
    final BlockGrammar<ServerBuilders.Rs> rs = new BlockGrammar<>("real_server");
    /** The checker grammars made so far: each is made when its checker is first met (most files use one or two). */
    private final Map<String, BlockGrammar<CheckerBuilder>> checkers = new LinkedHashMap<>();
    final BlockGrammar<CheckerBuilder.UrlBuilder> url = new BlockGrammar<>("url");
    final BlockGrammar<CheckerBuilder> smtpHost = new BlockGrammar<>("host");
    private final ScriptReader scripts;

    LvsGrammar(ScriptReader scripts) {
        this.scripts = scripts;
        buildUrl();
        buildRealServer();
        buildVirtualServer();
        vs.neighbours(rs);
        rs.neighbours(vs);
    }

    static Forwarding method(Values v, int i) {
        Forwarding.Method m = v.choice(i, Values.ordered("NAT", Forwarding.Method.NAT, "DR", Forwarding.Method.DR,
                "TUN", Forwarding.Method.TUN), true);
        if (m == null) {
            return null;
        }
        if (m != Forwarding.Method.TUN) {
            v.atMost(i + 1);
            return Forwarding.of(m);
        }
        Forwarding.TunnelType type = Forwarding.TunnelType.ipip;
        Integer port = null;
        Forwarding.TunnelChecksum csum = null;
        int k = i + 1;
        while (k < v.count()) {
            String w = v.optString(k);
            if (w.equals("type")) {
                type = v.choice(k + 1, Values.ordered("ipip", Forwarding.TunnelType.ipip, "gue", Forwarding.TunnelType.gue,
                        "gre", Forwarding.TunnelType.gre), true);
                if (type == null) {
                    return null;
                }
                k += 2;
            } else if (w.equals("port")) {
                port = v.port(k + 1);
                k += 2;
            } else if (w.equals("nocsum") || w.equals("csum") || w.equals("remcsum")) {
                csum = Forwarding.TunnelChecksum.valueOf(w);
                k++;
            } else {
                v.error(k, "unexpected '" + w + "' after TUN (expected type ipip|gue port N|gre, nocsum|csum|remcsum)");
                return null;
            }
        }
        if (type == Forwarding.TunnelType.gue && port == null) {
            v.error(i, "TUN type gue needs 'port N'");
            return null;
        }
        if (type != Forwarding.TunnelType.gue && port != null) {
            v.error(i, "'port' only applies to TUN type gue");
            port = null;
        }
        if (type == Forwarding.TunnelType.ipip && csum != null && csum != Forwarding.TunnelChecksum.nocsum) {
            v.error(i, "TUN type ipip has no checksum option (" + csum + " ignored)");
            csum = null;
        }
        if (type == Forwarding.TunnelType.gre && csum == Forwarding.TunnelChecksum.remcsum) {
            v.error(i, "TUN type gre does not support remcsum (ignored)");
            csum = null;
        }
        return new Forwarding(m, type, port, csum == null ? Forwarding.TunnelChecksum.nocsum : csum);
    }

    private void buildVirtualServer() {
        vs.add("lvs_sched", "IPVS scheduler", (b, st, v) -> {
            String s = v.string(0, "a scheduler name");
            if (s == null) {
                return;
            }
            if (s.contains("|")) {
                v.error(0, "'" + s + "' lists alternatives; choose one of " + String.join(" ", SCHEDULERS));
                return;
            }
            if (!SCHEDULERS.contains(s)) {
                v.warning(0, "scheduler '" + s + "' is not one keepalived knows (" + String.join(" ", SCHEDULERS)
                        + "); the kernel needs a module ip_vs_" + s);
            }
            b.sched = s;
            v.atMost(1);
        });
        vs.deprecated("lb_algo", "lvs_sched");
        vs.add("lvs_method", "forwarding method NAT|DR|TUN", (b, st, v) -> b.method = method(v, 0));
        vs.deprecated("lb_kind", "lvs_method");
        vs.add("ops", "one-packet scheduling (UDP)", (b, st, v) -> b.ops = true);
        for (String f : List.of("flag-1", "flag-2", "flag-3")) {
            vs.add(f, "scheduler flag", (b, st, v) -> b.flags.add(f));
        }
        for (String f : List.of("sh-port", "sh-fallback", "mh-port", "mh-fallback")) {
            String sched = f.substring(0, 2);
            vs.add(f, sched + " scheduler flag (after lvs_sched " + sched + ")", (b, st, v) -> {
                if (!sched.equals(b.sched)) {
                    v.error(-1, "only applies after 'lvs_sched " + sched + "'"
                            + (b.sched == null ? " (keepalived needs lvs_sched first; move this line below it)"
                            : " (lvs_sched is " + b.sched + ")"));
                    return;
                }
                b.flags.add(f);
            });
        }
        vs.add("hashed", "legacy flag (sh/mh only)", (b, st, v) -> {
            if (!"sh".equals(b.sched) && !"mh".equals(b.sched)) {
                v.error(-1, "'hashed' only applies to the sh scheduler");
            }
        });
        vs.add("persistence_timeout", "persistence in seconds (no value: 360)", (b, st, v) -> {
            if (v.count() == 0) {
                b.persistenceTimeout = 360L;
                return;
            }
            if ("0".equals(v.optString(0))) {
                v.warning(0, "0 means not persistent (keepalived rejects 0 as out of range, with the same result)");
                b.persistenceTimeout = 0L;
                return;
            }
            b.persistenceTimeout = v.integer(0, 1, 2_678_400);
        });
        vs.add("persistence_granularity", "persistence netmask / IPv6 prefix", (b, st, v) -> {
            String g = v.string(0, "a netmask or prefix length");
            if (g == null) {
                return;
            }
            IpAddress mask = IpAddress.parse(g);
            if (mask == null && !(g.matches("\\d{1,3}") && Integer.parseInt(g) >= 1 && Integer.parseInt(g) <= 128)) {
                v.error(0, "'" + g + "' is neither a netmask nor a prefix length 1..128");
                return;
            }
            b.persistenceGranularity = g;
            if (b.persistenceTimeout == null) {
                b.persistenceTimeout = 360L;
            }
        });
        vs.add("persistence_engine", "IPVS persistence engine (e.g. sip)", (b, st, v) ->
                b.persistenceEngine = v.string(0, "an engine name"));
        vs.add("protocol", "TCP|UDP|SCTP", (b, st, v) -> {
            b.protocol = v.choice(0, Values.ordered("TCP", VirtualServer.Protocol.TCP, "UDP", VirtualServer.Protocol.UDP,
                    "SCTP", VirtualServer.Protocol.SCTP), false);
            b.protocolAt = st.position();
        });
        vs.add("ip_family", "inet|inet6 for a fwmark service", (b, st, v) ->
                b.ipFamily = v.choice(0, Values.ordered("inet", "inet", "inet6", "inet6"), true));
        vs.add("ha_suspend", "suspend checkers while the VIP is absent", (b, st, v) -> b.haSuspend = true);
        vs.add("virtualhost", "default HTTP Host", (b, st, v) -> b.virtualhost = v.string(0, "a host name"));
        vs.noEffect("snmp_name", "SNMP label", b -> b.other);
        vs.add("smtp_alert", "email on quorum change", (b, st, v) -> b.smtpAlert = v.optBool(0));
        vs.add("alpha", "start with real servers down", (b, st, v) -> b.alpha = v.optBool(0));
        vs.add("omega", "run quorum_down and notify_down at shutdown", (b, st, v) -> b.omega = true);
        vs.add("quorum", "minimum live weight", (b, st, v) -> b.quorum = v.integer(0, 1, 4_294_967_295L));
        vs.add("hysteresis", "quorum flap damper", (b, st, v) -> b.hysteresis = v.integer(0, 0, 4_294_967_295L));
        vs.add("quorum_up", "script on quorum gain", (b, st, v) -> b.quorumUp = scripts.read(v));
        vs.add("quorum_down", "script on quorum loss", (b, st, v) -> b.quorumDown = scripts.read(v));
        vs.add("sorry_server", "server used when quorum is lost", (b, st, v) -> {
            ServerBuilders.Rs s = new ServerBuilders.Rs(st.position());
            s.ip = v.address(0, "an address");
            if (v.count() > 1) {
                s.port = v.port(1);
            }
            v.atMost(2);
            if (s.ip != null) {
                b.sorry = s;
            }
        });
        vs.add("sorry_server_inhibit", "keep the sorry server with weight 0", (b, st, v) -> {
            if (b.sorry == null) {
                v.error(-1, "must come after 'sorry_server' (ignored)");
                return;
            }
            b.sorryInhibit = v.optBool(0);
        });
        vs.add("sorry_server_lvs_method", "forwarding method of the sorry server", (b, st, v) -> {
            if (b.sorry == null) {
                v.error(-1, "must come after 'sorry_server' (ignored)");
                return;
            }
            b.sorryMethod = method(v, 0);
        });
        vs.add("inhibit_on_failure", "weight 0 instead of removal", (b, st, v) -> b.inhibit = v.optBool(0));
        vs.add("delay_loop", "checker interval", (b, st, v) -> b.delayLoop = v.timer(0, 1, DAY));
        vs.add("connect_timeout", "checker connect timeout", (b, st, v) -> b.connectTimeout = v.timer(0, 1, DAY));
        vs.add("retry", "checker retries", (b, st, v) -> b.retry = v.integer(0, 1, 4_294_967_295L));
        vs.add("delay_before_retry", "checker retry spacing", (b, st, v) ->
                b.delayBeforeRetry = v.timer(0, 0, DAY));
        vs.add("warmup", "random delay before the first check", (b, st, v) -> b.warmup = v.timer(0, 0, DAY));
        vs.add("weight", "default real server weight", (b, st, v) -> b.weight = v.integer(0, 1, Integer.MAX_VALUE));
        vs.add("real_server", "a real server", (b, st, v) -> {
            ServerBuilders.Rs r = realServer(st, v);
            if (r != null) {
                b.realServers.add(r);
            }
        });
    }

    private ServerBuilders.Rs realServer(Statement st, Values v) {
        ServerBuilders.Rs r = new ServerBuilders.Rs(st.position());
        r.ip = v.address(0, "an address");
        if (v.count() > 1) {
            r.port = v.port(1);
        }
        v.atMost(2);
        if (!st.hasBlock()) {
            v.error(-1, "needs a { block } (a real server without a block is not read)");
            return null;
        }
        rs.bind(st.block(), r, v.diagnostics());
        return r.ip == null ? null : r;
    }

    private void buildRealServer() {
        rs.add("weight", "IPVS weight", (b, st, v) -> b.weight = v.integer(0, 0, Integer.MAX_VALUE));
        rs.add("lvs_method", "forwarding method for this server", (b, st, v) -> b.method = method(v, 0));
        rs.add("uthreshold", "upper connection threshold", (b, st, v) -> b.uthreshold = v.integer(0, 0, 4_294_967_295L));
        rs.add("lthreshold", "lower connection threshold", (b, st, v) -> b.lthreshold = v.integer(0, 0, 4_294_967_295L));
        rs.add("inhibit_on_failure", "weight 0 instead of removal", (b, st, v) -> b.inhibit = v.optBool(0));
        rs.add("notify_up", "script when the server comes up", (b, st, v) -> b.notifyUp = scripts.read(v));
        rs.add("notify_down", "script when the server goes down", (b, st, v) -> b.notifyDown = scripts.read(v));
        rs.add("alpha", "start down", (b, st, v) -> b.alpha = v.optBool(0));
        rs.add("retry", "checker retries", (b, st, v) -> b.retry = v.integer(0, 1, 4_294_967_295L));
        rs.add("delay_before_retry", "checker retry spacing", (b, st, v) -> b.delayBeforeRetry = v.timer(0, 0, DAY));
        rs.add("warmup", "random delay before the first check", (b, st, v) -> b.warmup = v.timer(0, 0, DAY));
        rs.add("connect_timeout", "checker connect timeout", (b, st, v) -> b.connectTimeout = v.timer(0, 1, DAY));
        rs.add("delay_loop", "checker interval", (b, st, v) -> b.delayLoop = v.timer(0, 1, DAY));
        rs.add("smtp_alert", "email on transitions", (b, st, v) -> b.smtpAlert = v.optBool(0));
        rs.add("virtualhost", "HTTP Host", (b, st, v) -> b.virtualhost = v.string(0, "a host name"));
        rs.noEffect("snmp_name", "SNMP label", b -> b.other);
        for (String c : CHECKERS) {
            rs.add(c, "health checker", (b, st, v) -> {
                CheckerBuilder cb = new CheckerBuilder(c, st.position());
                if (!st.hasBlock()) {
                    v.error(-1, c + " needs a { block } (checker not read)");
                    return;
                }
                v.atMost(0);
                checker(c).bind(st.block(), cb, v.diagnostics());
                b.checkers.add(cb);
            });
        }
    }

    /** The grammar of one checker block, made on first use. */
    BlockGrammar<CheckerBuilder> checker(String type) {
        BlockGrammar<CheckerBuilder> g = checkers.get(type);
        if (g == null) {
            g = newChecker(type);
            checkers.put(type, g);
        }
        return g;
    }

    /** Every checker's grammar, in {@link #CHECKERS} order. */
    List<BlockGrammar<CheckerBuilder>> allCheckers() {
        List<BlockGrammar<CheckerBuilder>> all = new java.util.ArrayList<>();
        for (String c : CHECKERS) {
            all.add(checker(c));
        }
        return all;
    }

    private BlockGrammar<CheckerBuilder> newChecker(String type) {
        BlockGrammar<CheckerBuilder> g = new BlockGrammar<>(type);
        boolean network = !type.equals("MISC_CHECK") && !type.equals("FILE_CHECK") && !type.equals("BFD_CHECK");
        boolean control = !type.equals("FILE_CHECK") && !type.equals("BFD_CHECK");
        if (network) {
            connectionKeywords(g);
        }
        if (control) {
            g.add("retry", "retries before failing", (b, st, v) -> b.retry = v.integer(0, 0, 4_294_967_295L));
            g.add("delay_before_retry", "retry spacing", (b, st, v) -> b.delayBeforeRetry = v.timer(0, 0, DAY));
            g.add("warmup", "random delay before the first check", (b, st, v) -> b.warmup = v.timer(0, 0, DAY));
            g.add("delay_loop", "interval", (b, st, v) -> b.delayLoop = v.timer(0, 1, DAY));
            g.add("log_all_failures", "log every failure", (b, st, v) -> b.logAllFailures = v.optBool(0));
        }
        if (control || type.equals("BFD_CHECK")) {
            g.add("alpha", "start down", (b, st, v) -> b.alpha = v.optBool(0));
        }
        switch (type) {
            case "HTTP_GET", "SSL_GET" -> {
                g.deprecated("nb_get_retry", "retry");
                g.add("http_protocol", "1.0|1.0C|1.1", (b, st, v) -> b.httpProtocol = v.choice(0,
                        Values.ordered("1.0", "1.0", "1.0C", "1.0C", "1.0c", "1.0C", "1.1", "1.1"), true));
                g.add("virtualhost", "Host header", (b, st, v) -> b.virtualhost = v.string(0, "a host name"));
                g.add("fast_recovery", "no delay_loop between URLs when recovering", (b, st, v) ->
                        b.fastRecovery = v.optBool(0));
                g.add("enable_sni", "send SNI", (b, st, v) -> b.enableSni = v.optBool(0));
                g.add("sni_name", "SNI name", (b, st, v) -> {
                    b.sniName = v.string(0, "a name");
                    b.enableSni = Boolean.TRUE;
                });
                g.add("tls_compliant", "send close_notify", (b, st, v) -> b.tlsCompliant = v.optBool(0));
                g.add("url", "a URL to check", (b, st, v) -> {
                    if (!st.hasBlock()) {
                        v.error(-1, "needs a { block } with at least 'path'");
                        return;
                    }
                    CheckerBuilder.UrlBuilder u = new CheckerBuilder.UrlBuilder(st.position());
                    url.bind(st.block(), u, v.diagnostics());
                    if (u.path == null) {
                        v.error(-1, "url block without 'path' ignored");
                        return;
                    }
                    b.urls.add(u);
                });
            }
            case "SMTP_CHECK" -> {
                g.add("helo_name", "HELO name", (b, st, v) -> b.heloName = v.string(0, "a name"));
                connectionKeywords(smtpHost);
                g.add("host", "deprecated: one more checked host", (b, st, v) -> {
                    v.warning(-1, "'host' blocks are deprecated; each becomes its own SMTP_CHECK");
                    CheckerBuilder h = new CheckerBuilder("SMTP_CHECK", st.position());
                    if (st.hasBlock()) {
                        smtpHost.bind(st.block(), h, v.diagnostics());
                    }
                    b.hosts.add(h);
                });
            }
            case "MISC_CHECK" -> {
                g.add("misc_path", "script to run", (b, st, v) -> b.miscPath = scripts.read(v));
                g.add("misc_timeout", "script timeout in seconds", (b, st, v) -> {
                    Long t = v.integer(0, 1, 4_294_967_295L / 1_000_000);
                    b.miscTimeout = t == null ? null : t * 1_000_000;
                });
                g.add("misc_dynamic", "exit status sets the weight", (b, st, v) -> b.miscDynamic = true);
                g.add("user", "run as user [group]", (b, st, v) -> b.user = v.joined());
            }
            case "DNS_CHECK" -> {
                g.add("type", "query type", (b, st, v) -> b.dnsType = v.choice(0, orderedMap(
                        "A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA", "RRSIG", "DNSKEY"), false));
                g.add("name", "query name", (b, st, v) -> b.dnsName = v.string(0, "a domain name"));
            }
            case "UDP_CHECK" -> {
                g.add("payload", "hex payload", (b, st, v) -> b.payload = hex(v, 0, false));
                g.add("require_reply", "expected reply (hex, X = any nibble)", (b, st, v) ->
                        b.requireReply = v.count() == 0 ? "" : hex(v, 0, true));
                g.add("min_reply_length", "minimum reply length", (b, st, v) ->
                        b.minReplyLength = v.integer(0, 0, 65535));
                g.add("max_reply_length", "maximum reply length", (b, st, v) ->
                        b.maxReplyLength = v.integer(0, 0, 65535));
            }
            case "FILE_CHECK" -> {
                g.add("track_file", "track_file name", (b, st, v) -> b.trackFile = v.string(0, "a track_file name"));
                g.add("weight", "weight [reverse|noreverse]", (b, st, v) -> {
                    b.fileWeight = v.integer(0, -Integer.MAX_VALUE, Integer.MAX_VALUE);
                    String r = v.optString(1);
                    if (r != null) {
                        b.fileReverse = "reverse".equals(r);
                        if (!r.equals("reverse") && !r.equals("noreverse")) {
                            v.error(1, "expected reverse or noreverse");
                        }
                    }
                });
            }
            case "BFD_CHECK" -> g.add("name", "bfd_instance name", (b, st, v) -> b.bfdName = v.string(0, "a name"));
            default -> { }
        }
        return g;
    }

    private static Map<String, String> orderedMap(String... keys) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : keys) {
            m.put(k, k);
        }
        return m;
    }

    private static String hex(Values v, int i, boolean wildcard) {
        String s = v.string(i, "a hex string");
        if (s == null) {
            return null;
        }
        if (!s.matches(wildcard ? "[0-9A-Fa-fXx]+" : "[0-9A-Fa-f]+")) {
            v.error(i, "'" + s + "' is not a hex string");
            return null;
        }
        return s;
    }

    private static void connectionKeywords(BlockGrammar<CheckerBuilder> g) {
        g.add("connect_ip", "address to check", (b, st, v) -> b.connectIp = v.address(0, "an address"));
        g.add("connect_port", "port to check", (b, st, v) -> b.connectPort = v.port(0));
        g.add("bindto", "source address", (b, st, v) -> b.bindto = v.address(0, "an address"));
        g.add("bind_port", "source port", (b, st, v) -> b.bindPort = v.port(0));
        g.add("bind_if", "source interface", (b, st, v) -> b.bindIf = v.string(0, "an interface"));
        g.add("connect_timeout", "connect/read timeout", (b, st, v) -> b.connectTimeout = v.timer(0, 1, DAY));
        g.add("fwmark", "SO_MARK on the checker socket", (b, st, v) -> b.fwmark = v.integer(0, 0, 4_294_967_295L));
    }

    private void buildUrl() {
        url.add("path", "URL path", (b, st, v) -> b.path = v.string(0, "a path"));
        url.add("digest", "MD5 of the body", (b, st, v) -> {
            String d = v.string(0, "32 hex digits (from genhash)");
            if (d != null && !d.matches("[0-9a-fA-F]{32}")) {
                v.error(0, "'" + d + "' is not an MD5 digest (32 hex digits)");
                return;
            }
            b.digest = d == null ? null : d.toLowerCase(java.util.Locale.ROOT);
        });
        url.add("status_code", "codes and ranges, e.g. 200-299 503", (b, st, v) -> {
            for (int i = 0; i < v.count(); i++) {
                String s = v.optString(i);
                String[] p = s.split("-", -1);
                try {
                    int lo = Integer.parseInt(p[0]);
                    int hi = p.length > 1 ? Integer.parseInt(p[1]) : lo;
                    if (p.length > 2 || lo < 100 || hi > 599 || hi < lo) {
                        throw new NumberFormatException();
                    }
                    b.statusCode.add(new int[] {lo, hi});
                } catch (NumberFormatException e) {
                    v.error(i, "'" + s + "' is not a status code or range within 100..599");
                }
            }
            if (v.count() == 0) {
                v.need(0, "at least one status code");
            }
        });
        url.add("virtualhost", "Host header for this URL", (b, st, v) -> b.virtualhost = v.string(0, "a host name"));
        url.add("regex", "PCRE2 the body must match", (b, st, v) -> {
            b.regex = v.string(0, "a regular expression");
            if (b.regex != null) {
                try {
                    java.util.regex.Pattern.compile(b.regex);
                } catch (RuntimeException e) {
                    v.warning(0, "regular expression may not compile: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        });
        url.add("regex_no_match", "the body must not match", (b, st, v) -> b.regexNoMatch = true);
        url.add("regex_options", "PCRE2 options", (b, st, v) -> {
            List<String> o = new ArrayList<>();
            for (int i = 0; i < v.count(); i++) {
                o.add(v.optString(i));
            }
            b.regexOptions = List.copyOf(o);
        });
        url.add("regex_min_offset", "start offset", (b, st, v) -> b.regexMinOffset = v.integer(0, 0, Integer.MAX_VALUE));
        url.add("regex_max_offset", "end offset", (b, st, v) -> b.regexMaxOffset = v.integer(0, 0, Integer.MAX_VALUE));
        url.noEffect("regex_stack", "PCRE2 JIT stack", b -> new LinkedHashMap<>());
        url.add("tls_compliant", "send close_notify", (b, st, v) -> b.tlsCompliant = v.optBool(0));
    }

    /** Reports a statement kind problem the grammar cannot see itself. */
    static void blockRequired(Statement st, dev.holdfast.config.diag.Diagnostics d) {
        d.error(st.position(), Kind.SYNTAX, "'" + st.name() + "' needs a { block }");
    }
}
