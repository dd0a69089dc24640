package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.spec.UdpCheckSpec;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * UDP_CHECK (check_udp.c) on a connected datagram channel, which is what lets ICMP port/host unreachable come
 * back as errors: those fail; silence passes unless a reply is required.
 */
public final class UdpProbe implements Probe {
    /** keepalived's UDP_BUFSIZE: the size of the payload sent when none is configured. */
    static final int DEFAULT_PAYLOAD_SIZE = 32;

    private final UdpCheckSpec spec;
    private final EventLoop loop;
    private final String what;

    public UdpProbe(UdpCheckSpec spec, EventLoop loop) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.what = "UDP_CHECK " + spec.connection().targetText();
    }

    /** Whether a reply passes: check_udp_reply, applied only when a pattern is configured. */
    CheckResult judge(byte[] reply) {
        if (spec.replyPattern().isEmpty()) {
            return CheckResult.passed(what + ": replied");
        }
        if (reply.length < spec.minReplyLength() || reply.length > spec.maxReplyLength()) {
            return CheckResult.failed(what + ": reply of " + reply.length + " bytes outside "
                    + spec.minReplyLength() + ".." + spec.maxReplyLength());
        }
        if (!spec.replyPattern().get().matches(reply)) {
            return CheckResult.failed(what + ": reply " + ByteBufUtil.hexDump(reply) + " does not match "
                    + spec.replyPattern().get().data());
        }
        return CheckResult.passed(what + ": reply matches");
    }

    @Override
    public CompletionStage<CheckResult> check() {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        byte[] payload = spec.payload().map(p -> p.bytes()).orElseGet(() -> {
            byte[] bytes = new byte[DEFAULT_PAYLOAD_SIZE];
            ThreadLocalRandom.current().nextBytes(bytes);
            return bytes;
        });
        Bootstrap bootstrap = Dial.datagram(loop, spec.connection())
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        // keepalived reads at most max_reply_length + 1 bytes
                        int length = Math.min(packet.content().readableBytes(), spec.maxReplyLength() + 1);
                        byte[] reply = new byte[length];
                        packet.content().readBytes(reply);
                        if (result.complete(judge(reply))) {
                            ctx.close();
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        if (result.complete(CheckResult.failed(what + ": " + ConnectFailure.describe(cause,
                                spec.policy().connectTimeout())))) {
                            ctx.close();
                        }
                    }
                });
        ChannelFuture connect = Dial.connect(bootstrap, spec.connection());
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.complete(CheckResult.failed(what + ": " + ConnectFailure.describe(f.cause(),
                        spec.policy().connectTimeout())));
                return;
            }
            Channel channel = f.channel();
            channel.writeAndFlush(Unpooled.wrappedBuffer(payload)).addListener(w -> {
                if (!w.isSuccess()) {
                    result.complete(CheckResult.failed(what + ": send: " + ConnectFailure.describe(w.cause(),
                            spec.policy().connectTimeout())));
                    channel.close();
                }
            });
            var timeout = loop.schedule(() -> {
                String waited = ConnectFailure.seconds(spec.policy().connectTimeout());
                CheckResult silence = spec.requireReply()
                        ? CheckResult.failed(what + ": no reply within " + waited)
                        : CheckResult.passed(what + ": no reply and no ICMP error within " + waited);
                if (result.complete(silence)) {
                    channel.close();
                }
            }, Math.max(1, spec.policy().connectTimeout().toNanos()), TimeUnit.NANOSECONDS);
            result.whenComplete((r, e) -> timeout.cancel(false));
        });
        return result;
    }
}
