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
import io.netty.channel.EventLoop;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The production probe factory. Network probes connect on one event loop, the same loop whose scheduler runs the
 * checker timers, so results need no hand-off; MISC_CHECK programs and PING_CHECK echoes run on a separate
 * executor because fork/exec and the JDK's echo block.
 */
public final class StandardProbes implements ProbeFactory {
    private final EventLoop loop;
    /** for work that blocks: MISC_CHECK programs, PING_CHECK */
    private final Executor scripts;

    public StandardProbes(EventLoop loop, Executor scripts) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.scripts = Objects.requireNonNull(scripts, "scripts");
    }

    @Override
    public Probe probe(ScheduledCheckSpec checker, RealServerSpec realServer) {
        if (checker instanceof TcpCheckSpec tcp) {
            return new TcpProbe(tcp.connection(), tcp.policy().connectTimeout(), loop);
        }
        if (checker instanceof SmtpCheckSpec smtp) {
            return new SmtpProbe(smtp, loop);
        }
        if (checker instanceof UdpCheckSpec udp) {
            return new UdpProbe(udp, loop);
        }
        if (checker instanceof PingCheckSpec ping) {
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
        return new HttpGetProbe(checker, url, loop);
    }
}
