package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.checker.ProbeFactory;
import dev.holdfast.healthcheck.spec.CheckerSpec;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;
import io.netty.channel.EventLoop;
import java.util.Objects;

/**
 * The production probe factory: every probe connects on one event loop, the same loop whose scheduler runs the
 * checker timers, so results need no hand-off between threads.
 */
public final class NettyProbes implements ProbeFactory {
    private final EventLoop loop;

    public NettyProbes(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    @Override
    public Probe probe(CheckerSpec checker, RealServerSpec realServer) {
        if (checker instanceof TcpCheckSpec tcp) {
            return new TcpProbe(tcp.connection(), tcp.policy().connectTimeout(), loop);
        }
        throw new IllegalArgumentException(checker.type() + " has no network probe yet");
    }

    @Override
    public Probe urlProbe(HttpGetSpec checker, UrlSpec url, RealServerSpec realServer) {
        return new HttpGetProbe(checker, url, loop);
    }
}
