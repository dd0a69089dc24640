package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.spec.DnsCheckSpec;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * DNS_CHECK (check_dns.c): one query over UDP with RD set; passes on a reply carrying the query's id, QR set and
 * RCODE 0 within connect_timeout. Replies with another id are ignored, as stray or late answers.
 */
public final class DnsProbe implements Probe {
    private final DnsCheckSpec spec;
    private final EventLoop loop;
    private final String what;

    public DnsProbe(DnsCheckSpec spec, EventLoop loop) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.what = "DNS_CHECK " + spec.recordType() + " " + (spec.name().isEmpty() ? "." : spec.name()) + " to "
                + spec.connection().targetText();
    }

    /** The query bytes: header with RD, one question of the spec's type in class IN. */
    static byte[] query(int id, String name, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id >> 8);
        out.write(id);
        out.write(0x01); // RD
        out.write(0x00);
        out.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 0}); // QDCOUNT 1
        for (String label : name.split("\\.")) {
            if (label.isEmpty()) {
                continue;
            }
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length > 63) {
                throw new IllegalArgumentException("DNS label longer than 63 bytes: " + label);
            }
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.write(0);
        out.write(type >> 8);
        out.write(type);
        out.write(0);
        out.write(1); // IN
        return out.toByteArray();
    }

    @Override
    public CompletionStage<CheckResult> check() {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        byte[] query = query(id, spec.name(), DnsCheckSpec.DnsRecordType.code(spec.recordType()));
        Bootstrap bootstrap = Dial.datagram(loop, spec.connection())
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        ByteBuf reply = packet.content();
                        if (reply.readableBytes() < 12 || reply.getUnsignedShort(0) != id) {
                            return;
                        }
                        int flags = reply.getUnsignedShort(2);
                        boolean response = (flags & 0x8000) != 0;
                        int rcode = flags & 0x000f;
                        if (response && rcode == 0) {
                            result.complete(CheckResult.passed(what + ": answered"));
                        } else {
                            result.complete(CheckResult.failed(what + ": " + (response ? "RCODE " + rcode
                                    : "reply without the response bit")));
                        }
                        ctx.close();
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // a connected UDP socket hears ICMP errors (port unreachable) as exceptions
                        result.complete(CheckResult.failed(what + ": " + ConnectFailure.describe(cause,
                                spec.policy().connectTimeout())));
                        ctx.close();
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
            channel.writeAndFlush(Unpooled.wrappedBuffer(query));
            var timeout = loop.schedule(() -> {
                if (result.complete(CheckResult.failed(what + ": no reply within "
                        + ConnectFailure.seconds(spec.policy().connectTimeout())))) {
                    channel.close();
                }
            }, Math.max(1, spec.policy().connectTimeout().toNanos()), TimeUnit.NANOSECONDS);
            result.whenComplete((r, e) -> timeout.cancel(false));
        });
        return result;
    }
}
