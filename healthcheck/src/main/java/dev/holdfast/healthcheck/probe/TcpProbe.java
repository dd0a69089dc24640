package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.spec.Connection;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** TCP_CHECK: a connection that completes within connect_timeout passes; it is closed at once, no data sent. */
public final class TcpProbe implements Probe {
    private final Connection connection;
    private final Duration connectTimeout;
    private final EventLoop loop;

    public TcpProbe(Connection connection, Duration connectTimeout, EventLoop loop) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    @Override
    public CompletionStage<CheckResult> check() {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        String what = "TCP connect to " + connection.targetText();
        connect(loop, connection, connectTimeout, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                // nothing to say to the server
            }
        }).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                f.channel().close();
                result.complete(CheckResult.passed(what + ": connected"));
            } else {
                result.complete(CheckResult.failed(what + ": " + ConnectFailure.describe(f.cause(), connectTimeout)));
            }
        });
        return result;
    }

    /** Starts a non-blocking connect bounded by {@code timeout}, bound first if the checker says bindto. */
    static ChannelFuture connect(EventLoop loop, Connection connection, Duration timeout,
                                 ChannelInitializer<SocketChannel> initializer) {
        Bootstrap bootstrap = Dial.stream(loop, connection)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                        timeout.toMillis())))
                .handler(initializer);
        return Dial.connect(bootstrap, connection);
    }
}
