package dev.holdfast.daemon.lvs;

import dev.holdfast.config.model.Checker;
import dev.holdfast.config.model.Forwarding;
import dev.holdfast.config.model.GlobalDefs;
import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.RealServer;
import dev.holdfast.config.model.Script;
import dev.holdfast.config.model.Seconds;
import dev.holdfast.config.model.VirtualServer;
import dev.holdfast.healthcheck.probe.ScriptSecurity;
import dev.holdfast.healthcheck.spec.BodyRegex;
import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.spec.CheckerSpec;
import dev.holdfast.healthcheck.spec.Connection;
import dev.holdfast.healthcheck.spec.DnsCheckSpec;
import dev.holdfast.healthcheck.spec.FileCheckSpec;
import dev.holdfast.healthcheck.spec.ForwardingMethod;
import dev.holdfast.healthcheck.spec.HexPattern;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.HttpVersion;
import dev.holdfast.healthcheck.spec.MiscCheckSpec;
import dev.holdfast.healthcheck.spec.PingCheckSpec;
import dev.holdfast.healthcheck.spec.Protocol;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.RunAs;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.healthcheck.spec.SmtpCheckSpec;
import dev.holdfast.healthcheck.spec.SorryServerSpec;
import dev.holdfast.healthcheck.spec.StatusCodes;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import dev.holdfast.healthcheck.spec.TlsSpec;
import dev.holdfast.healthcheck.spec.UdpCheckSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** The resolved config model as the health checker's input records; values only move, defaults were set in config/. */
public final class CheckSpecs {
    private CheckSpecs() {
    }

    /** One spec per virtual server; checkers holdfast cannot run yet are reported through {@code unsupported}. */
    public static List<VirtualServerSpec> of(KeepalivedConfig config, Consumer<String> unsupported) {
        List<VirtualServerSpec> out = new ArrayList<>();
        for (VirtualServer vs : config.virtualServers()) {
            out.add(virtualServer(vs, config.globalDefs(), unsupported));
        }
        return out;
    }

    public static ServiceAddress address(VirtualServer vs) {
        Protocol p = protocol(vs);
        if (vs.key() instanceof VirtualServer.Address a) {
            return new ServiceAddress.Endpoint(inet(a.ip()), a.port(), p);
        }
        if (vs.key() instanceof VirtualServer.Fwmark f) {
            return new ServiceAddress.FirewallMark(f.mark(), Protocol.NONE);
        }
        return new ServiceAddress.Group(((VirtualServer.Group) vs.key()).name(), 0, p);
    }

    private static Protocol protocol(VirtualServer vs) {
        if (vs.protocol() == null) {
            return Protocol.NONE;
        }
        return switch (vs.protocol()) {
            case TCP -> Protocol.TCP;
            case UDP -> Protocol.UDP;
            case SCTP -> Protocol.SCTP;
        };
    }

    static VirtualServerSpec virtualServer(VirtualServer vs, GlobalDefs globals, Consumer<String> unsupported) {
        List<RealServerSpec> reals = new ArrayList<>();
        for (RealServer rs : vs.realServers()) {
            List<CheckerSpec> checkers = new ArrayList<>();
            for (Checker c : rs.checkers()) {
                Optional<String> refused = refusedScript(c, globals);
                if (refused.isPresent()) {
                    unsupported.accept(c.type() + " of real server " + rs.label() + " in virtual server " + vs.label()
                            + " is disabled: " + refused.get() + " (enable_script_security); the real server is "
                            + "judged by its other checkers");
                    continue;
                }
                CheckerSpec spec = checker(c, vs, globals);
                if (spec == null) {
                    unsupported.accept(c.type() + " of real server " + rs.label() + " in virtual server " + vs.label()
                            + " is not supported yet; the real server is treated as up for it");
                } else {
                    checkers.add(spec);
                }
            }
            reals.add(new RealServerSpec(inet(rs.ip()), rs.port(), rs.weight(), method(rs.lvsMethod()),
                    rs.inhibitOnFailure(), rs.uthreshold(), rs.lthreshold(), checkers));
        }
        Optional<SorryServerSpec> sorry = Optional.ofNullable(vs.sorryServer()).map(s -> new SorryServerSpec(
                inet(s.ip()), s.port(), method(s.lvsMethod()), vs.sorryServerInhibit()));
        long quorum = Math.max(1, vs.quorum());
        return new VirtualServerSpec(address(vs), quorum, Math.min(vs.hysteresis(), quorum - 1), vs.omega(),
                vs.haSuspend(), globals.rsInitNotifies(), sorry, reals);
    }

    static ForwardingMethod method(Forwarding f) {
        return switch (f.method()) {
            case NAT -> ForwardingMethod.NAT;
            case DR -> ForwardingMethod.DR;
            case TUN -> ForwardingMethod.TUN;
        };
    }

    static CheckerSpec checker(Checker c, VirtualServer vs, GlobalDefs globals) {
        if (c instanceof Checker.Tcp t) {
            return new TcpCheckSpec(policy(c.schedule(), t.connection().connectTimeout()), connection(t.connection()));
        }
        if (c instanceof Checker.Http h) {
            List<UrlSpec> urls = new ArrayList<>();
            for (Checker.Url u : h.urls()) {
                List<StatusCodes.Range> ranges = u.statusCode().stream()
                        .map(r -> new StatusCodes.Range(r[0], r[1])).toList();
                Optional<BodyRegex> regex = u.regex() == null ? Optional.empty() : Optional.of(new BodyRegex(u.regex(),
                        u.regexNoMatch(), new HashSet<>(u.regexOptions()),
                        u.regexMinOffset() == null ? 0 : u.regexMinOffset(),
                        u.regexMaxOffset() == null ? OptionalLong.empty() : OptionalLong.of(u.regexMaxOffset())));
                urls.add(new UrlSpec(u.path(), Optional.ofNullable(u.digest()), new StatusCodes(ranges),
                        Optional.ofNullable(u.virtualhost()), regex, Boolean.TRUE.equals(u.tlsCompliant())));
            }
            HttpVersion version = switch (h.httpProtocol()) {
                case "1.1" -> HttpVersion.HTTP_1_1;
                case "1.0C" -> HttpVersion.HTTP_1_0C;
                default -> HttpVersion.HTTP_1_0;
            };
            Optional<TlsSpec> tls = h.ssl() ? Optional.of(new TlsSpec(h.enableSni(), Optional.ofNullable(h.sniName()),
                    Optional.ofNullable(h.virtualhost() != null ? h.virtualhost() : vs.virtualhost()),
                    h.tlsCompliant()))
                    : Optional.empty();
            return new HttpGetSpec(policy(c.schedule(), h.connection().connectTimeout()), connection(h.connection()),
                    version, Optional.ofNullable(h.virtualhost()), urls, h.fastRecovery(), tls);
        }
        if (c instanceof Checker.Smtp s) {
            return new SmtpCheckSpec(policy(c.schedule(), s.connection().connectTimeout()), connection(s.connection()),
                    s.heloName());
        }
        if (c instanceof Checker.Dns d) {
            return new DnsCheckSpec(policy(c.schedule(), d.connection().connectTimeout()), connection(d.connection()),
                    d.queryType(), d.name());
        }
        if (c instanceof Checker.Udp u) {
            boolean require = u.requireReply() != null;
            return new UdpCheckSpec(policy(c.schedule(), u.connection().connectTimeout()), connection(u.connection()),
                    Optional.ofNullable(u.payload()).map(p -> HexPattern.parse(p, false)), require,
                    require && !u.requireReply().isEmpty() ? Optional.of(HexPattern.parse(u.requireReply(), true))
                            : Optional.empty(), (int) u.minReplyLength(), (int) u.maxReplyLength());
        }
        if (c instanceof Checker.Ping p) {
            return new PingCheckSpec(policy(c.schedule(), p.connection().connectTimeout()), connection(p.connection()));
        }
        if (c instanceof Checker.Misc m) {
            return new MiscCheckSpec(policy(c.schedule(), vs.connectTimeout()), m.miscPath().argv(),
                    duration(m.miscTimeout()), m.miscDynamic(), runAs(m.miscPath(), globals));
        }
        if (c instanceof Checker.File f) {
            return new FileCheckSpec(f.trackFile(), f.weight() == Long.MIN_VALUE ? 1 : f.weight(), f.reverse());
        }
        return null;
    }

    /** keepalived's enable_script_security: an unsafe MISC_CHECK program is removed, with the reason. */
    private static Optional<String> refusedScript(Checker c, GlobalDefs globals) {
        if (!(c instanceof Checker.Misc m) || !globals.enableScriptSecurity() || m.miscPath().argv().isEmpty()) {
            return Optional.empty();
        }
        return ScriptSecurity.system().refusal(m.miscPath().argv().get(0), runAs(m.miscPath(), globals));
    }

    /** The checker's user (and its group), else script_user (and its group); empty: keepalived's default. */
    static Optional<RunAs> runAs(Script script, GlobalDefs globals) {
        if (script.user() != null) {
            return Optional.of(new RunAs(script.user(), Optional.ofNullable(script.group())));
        }
        if (globals.scriptUser() != null) {
            return Optional.of(new RunAs(globals.scriptUser(), Optional.ofNullable(globals.scriptGroup())));
        }
        return Optional.empty();
    }

    static CheckPolicy policy(Checker.Schedule s, Seconds connectTimeout) {
        return new CheckPolicy(s.retry(), duration(s.delayBeforeRetry()), duration(s.delayLoop()),
                duration(s.warmup()), s.alpha(), duration(connectTimeout), s.logAllFailures());
    }

    static Connection connection(Checker.Connection c) {
        InetSocketAddress target = new InetSocketAddress(inet(c.connectIp()), c.connectPort());
        Optional<InetSocketAddress> bind = c.bindto() == null ? Optional.empty()
                : Optional.of(new InetSocketAddress(inet(c.bindto()), c.bindPort() == null ? 0 : c.bindPort()));
        // fwmark 0 is no mark, as in keepalived
        return new Connection(target, bind, c.fwmark() == null || c.fwmark() == 0 ? OptionalLong.empty()
                : OptionalLong.of(c.fwmark()),
                Optional.ofNullable(c.bindIf()));
    }

    static Duration duration(Seconds s) {
        return Duration.ofNanos(s.micros() * 1000);
    }

    static InetAddress inet(IpAddress ip) {
        try {
            return InetAddress.getByAddress(ip.bytes());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip.text(), e);
        }
    }
}
