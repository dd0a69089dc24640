package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.checker.ProbeFactory;
import dev.holdfast.healthcheck.spec.DnsCheckSpec;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.MiscCheckSpec;
import dev.holdfast.healthcheck.spec.PingCheckSpec;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.ScheduledCheckSpec;
import dev.holdfast.healthcheck.spec.SmtpCheckSpec;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import dev.holdfast.healthcheck.spec.UdpCheckSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;
import dev.holdfast.healthcheck.socket.SocketLoop;
import io.netty.channel.EventLoop;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The production probe factory. With a {@link SocketLoop} (the daemon's wiring), plain HTTP_GET and TCP_CHECK run
 * on that loop's own sockets, the loop that also runs the checker timers, and every other network probe on a Netty
 * event loop; without one, all on the Netty loop. MISC_CHECK programs and PING_CHECK echoes run on a separate
 * executor because fork/exec and the JDK's echo block.
 */
public final class StandardProbes implements ProbeFactory {
    private final EventLoop loop;
    /** for plain HTTP_GET and TCP_CHECK, or null */
    private final SocketLoop sockets;
    /** for work that blocks: MISC_CHECK programs, PING_CHECK */
    private final Executor scripts;

    public StandardProbes(EventLoop loop, Executor scripts) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.sockets = null;
        this.scripts = Objects.requireNonNull(scripts, "scripts");
    }

    public StandardProbes(EventLoop loop, SocketLoop sockets, Executor scripts) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.sockets = Objects.requireNonNull(sockets, "sockets");
        this.scripts = Objects.requireNonNull(scripts, "scripts");
    }

    @Override
    public Probe probe(ScheduledCheckSpec checker, RealServerSpec realServer) {
        if (checker instanceof TcpCheckSpec tcp) {
            if (sockets != null) {
                Optional<TcpProbe> plain = TcpProbe.onSocketLoop(tcp.connection(), tcp.policy().connectTimeout(),
                        sockets);
                if (plain.isPresent()) {
                    return plain.get();
                }
            }
            return new TcpProbe(tcp.connection(), tcp.policy().connectTimeout(), loop);
        }
        if (checker instanceof SmtpCheckSpec smtp) {
            return new SmtpProbe(smtp, loop);
        }
        if (checker instanceof UdpCheckSpec udp) {
            return new UdpProbe(udp, loop);
        }
        if (checker instanceof PingCheckSpec ping) {
            if (sockets != null) {
                Optional<PingProbe> plain = PingProbe.onSocketLoop(ping, sockets);
                if (plain.isPresent()) {
                    return plain.get();
                }
            }
            return new PingProbe(ping, scripts);
        }
        if (checker instanceof DnsCheckSpec dns) {
            return new DnsProbe(dns, loop);
        }
        if (checker instanceof MiscCheckSpec misc) {
            return new MiscProbe(misc, realServer.weight(), scripts, loop);
        }
        if (checker instanceof HttpGetSpec http) {
            throw new IllegalArgumentException("HTTP_GET runs one probe per url: use urlProbe for " + http.urls());
        }
        throw new IllegalArgumentException(checker.type() + " has no probe");
    }

    @Override
    public Probe urlProbe(HttpGetSpec checker, UrlSpec url, RealServerSpec realServer) {
        if (sockets != null) {
            Optional<HttpGetProbe> plain = HttpGetProbe.onSocketLoop(checker, url, sockets);
            if (plain.isPresent()) {
                return plain.get();
            }
        }
        return new HttpGetProbe(checker, url, loop);
    }
}
