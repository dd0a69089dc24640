package dev.holdfast.healthcheck.probe;

import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** What the nginx test classes share: one Netty event loop for the probes and one running nginx. */
final class NginxLoop implements AutoCloseable {
    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    final EventLoop loop = group.next();
    final Nginx nginx;

    NginxLoop() throws IOException, InterruptedException {
        Nginx started = null;
        try {
            started = Nginx.start();
        } finally {
            if (started == null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
        nginx = started;
    }

    @Override
    public void close() throws IOException {
        try {
            nginx.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
