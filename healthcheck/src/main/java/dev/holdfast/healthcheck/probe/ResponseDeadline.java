package dev.holdfast.healthcheck.probe;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.ReadTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds everything after the connect (TLS handshake, request, the whole response) by one connect_timeout. keepalived
 * bounds each read instead, so a server trickling a byte now and then holds its checker forever; here the exchange
 * ends with a read timeout once connect_timeout has passed since the connection was made, however the bytes come.
 */
final class ResponseDeadline extends ChannelInboundHandlerAdapter {
    private final long nanos;
    private ScheduledFuture<?> timer;

    ResponseDeadline(Duration timeout) {
        this.nanos = Math.max(1, timeout.toNanos());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                ctx.fireExceptionCaught(ReadTimeoutException.INSTANCE);
                ctx.close();
            }
        }, nanos, TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
