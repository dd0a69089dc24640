package dev.holdfast.healthcheck.probe;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Sends the request once connected, then hands the response to an {@link HttpResponseParser} until the end of the
 * stream. Hands one {@link HttpOutcome} to its consumer and closes the channel.
 */
final class HttpResponseReader extends ChannelInboundHandlerAdapter {
    static final int MAX_HEAD = HttpResponseParser.MAX_HEAD;

    private final byte[] request;
    private final Consumer<HttpOutcome> done;
    private final HttpResponseParser parser;
    private boolean requestSent;
    private boolean finished;

    HttpResponseReader(byte[] request, boolean keepBody, boolean digest, Consumer<byte[]> bodyTap,
                       Consumer<HttpOutcome> done) {
        this.request = request;
        this.done = done;
        this.parser = new HttpResponseParser(keepBody, digest, bodyTap);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // a wrapped heap buffer: nothing pooled to leak when the write never happens (a failed TLS handshake)
        ctx.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(request)).addListener(f -> {
            if (f.isSuccess()) {
                requestSent = true;
            } else {
                finish(ctx, new HttpOutcome.Error(f.cause(), false));
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (!finished) {
                parser.feed(buf.nioBuffer());
            }
        } catch (IOException e) {
            finish(ctx, new HttpOutcome.Error(e, true));
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish(ctx, parser.end());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finish(ctx, new HttpOutcome.Error(cause, requestSent));
    }

    private void finish(ChannelHandlerContext ctx, HttpOutcome outcome) {
        if (finished) {
            return;
        }
        finished = true;
        ctx.close();
        done.accept(outcome);
    }
}
