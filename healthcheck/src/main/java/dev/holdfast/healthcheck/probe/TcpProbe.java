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
import dev.holdfast.healthcheck.socket.SocketLoop;
import java.time.Duration;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** TCP_CHECK: a connection that completes within connect_timeout passes; it is closed at once, no data sent. */
public final class TcpProbe implements Probe {
    private final Connection connection;
    private final Duration connectTimeout;
    private final EventLoop loop;
    private final SocketLoop sockets;
    private final PlainDial dial;
    private final String what;
    private final CheckResult passed;

    /** The probe on Netty. */
    public TcpProbe(Connection connection, Duration connectTimeout, EventLoop loop) {
        this(connection, connectTimeout, Objects.requireNonNull(loop, "loop"), null, null);
    }

    private TcpProbe(Connection connection, Duration connectTimeout, EventLoop loop, SocketLoop sockets,
                     PlainDial dial) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.loop = loop;
        this.sockets = sockets;
        this.dial = dial;
        this.what = "TCP connect to " + connection.targetText();
        this.passed = CheckResult.passed(what + ": connected");
    }

    /** The probe on the socket loop's own sockets, or empty when the connection needs Java's (see PlainDial). */
    public static Optional<TcpProbe> onSocketLoop(Connection connection, Duration connectTimeout, SocketLoop loop) {
        PlainDial dial = PlainDial.of(connection);
        return dial == null ? Optional.empty()
                : Optional.of(new TcpProbe(connection, connectTimeout, null, Objects.requireNonNull(loop), dial));
    }

    @Override
    public CompletionStage<CheckResult> check() {
        if (sockets != null) {
            long timeout = Math.max(1, connectTimeout.toNanos());
            return OnLoop.call(sockets, () -> new PlainTcpConnect(sockets).start(dial, timeout))
                    .thenApply(failure -> failure == null ? passed
                            : CheckResult.failed(what + ": " + ConnectFailure.describe(failure, connectTimeout)));
        }
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        connect(loop, connection, connectTimeout, new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                // nothing to say to the server
            }
        }).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                f.channel().close();
                result.complete(passed);
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
