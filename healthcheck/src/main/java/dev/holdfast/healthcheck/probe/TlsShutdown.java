package dev.holdfast.healthcheck.probe;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.Objects;

/**
 * How an SSL_GET session ends. keepalived sets OpenSSL's quiet shutdown unless tls_compliant is on: the socket
 * is just closed and no close_notify alert is sent, not even in answer to the server's. With tls_compliant the
 * session is shut down properly: the server's close_notify is answered at once, and a close of ours (end of the
 * response, a read timeout) sends one.
 *
 * <p>This handler sits behind the {@link SslHandler}; its {@link #gate()} goes in front of it. In quiet mode the
 * gate drops whatever the TLS layer writes once the request is out (the JDK's engine answers a TLS 1.2
 * close_notify by itself, and a close through the TLS layer writes one): after the request, a checker has
 * nothing left to say.
 */
final class TlsShutdown extends ChannelDuplexHandler {
    private final SslHandler ssl;
    private final boolean compliant;
    private boolean requestSent;

    TlsShutdown(SslHandler ssl, boolean compliant) {
        this.ssl = Objects.requireNonNull(ssl, "ssl");
        this.compliant = compliant;
    }

    /** The handler to put in front of the TLS handler. */
    ChannelHandler gate() {
        return new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (!compliant && requestSent) {
                    ReferenceCountUtil.release(msg);
                    promise.setSuccess();
                } else {
                    ctx.write(msg, promise);
                }
            }
        };
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ChannelPromise written = promise.unvoid();
        // the request is the only thing a checker writes (the TLS layer holds it until the handshake is done):
        // once it is on the wire, the gate may shut
        written.addListener(f -> requestSent = true);
        ctx.write(msg, written);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (compliant && event instanceof SslCloseCompletionEvent closed && closed.isSuccess()) {
            // the server's close_notify came: answer it before its FIN closes the channel
            ssl.closeOutbound();
        }
        ctx.fireUserEventTriggered(event);
    }
}
