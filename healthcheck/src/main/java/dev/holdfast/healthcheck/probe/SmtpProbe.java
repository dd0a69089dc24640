package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.spec.SmtpCheckSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * SMTP_CHECK's dialogue (check_smtp.c): greeting 220, HELO answered by 250, QUIT answered by any line. Like
 * keepalived it looks at one line per step and drops whatever else arrived with it, and a code counts only as
 * exactly three digits followed by a space or the end of the line ("220-" continuation lines fail).
 */
public final class SmtpProbe implements Probe {
    private final SmtpCheckSpec spec;
    private final EventLoop loop;
    private final String what;

    public SmtpProbe(SmtpCheckSpec spec, EventLoop loop) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.what = "SMTP_CHECK " + spec.connection().targetText();
    }

    /** The reply code of one line without its newline, or -1 (smtp_get_status). */
    static int status(String line) {
        if (line.length() < 3) {
            return -1;
        }
        for (int i = 0; i < 3; i++) {
            if (line.charAt(i) < '0' || line.charAt(i) > '9') {
                return -1;
            }
        }
        if (line.length() > 3 && line.charAt(3) != ' ') {
            return -1;
        }
        return Integer.parseInt(line.substring(0, 3));
    }

    @Override
    public CompletionStage<CheckResult> check() {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        ChannelFuture connect = TcpProbe.connect(loop, spec.connection(), spec.policy().connectTimeout(),
                new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ResponseDeadline(spec.policy().connectTimeout()));
                        ch.pipeline().addLast(new Dialogue(result));
                    }
                });
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.complete(CheckResult.failed(what + ": connect: "
                        + ConnectFailure.describe(f.cause(), spec.policy().connectTimeout())));
            }
        });
        return result;
    }

    private final class Dialogue extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<CheckResult> result;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private int step;

        Dialogue(CompletableFuture<CheckResult> result) {
            this.result = result;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                while (buf.isReadable() && !result.isDone()) {
                    byte b = buf.readByte();
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    line.reset();
                    onLine(ctx, text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
                    // one line per step: the rest of this read is dropped, as keepalived does
                    buf.skipBytes(buf.readableBytes());
                }
            } finally {
                buf.release();
            }
        }

        private void onLine(ChannelHandlerContext ctx, String text) {
            switch (step++) {
                case 0 -> expect(ctx, text, 220, "greeting", "HELO " + spec.heloName() + "\r\n");
                case 1 -> expect(ctx, text, 250, "HELO response", "QUIT\r\n");
                default -> finish(ctx, CheckResult.passed(what + ": 220 greeting, 250 to HELO, QUIT answered"));
            }
        }

        private void expect(ChannelHandlerContext ctx, String text, int code, String what, String next) {
            if (status(text) != code) {
                finish(ctx, CheckResult.failed(SmtpProbe.this.what + ": bad " + what + " \"" + printable(text)
                        + "\" (expected " + code + ")"));
                return;
            }
            ctx.writeAndFlush(Unpooled.copiedBuffer(next, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            finish(ctx, CheckResult.failed(what + ": connection closed by server"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(ctx, CheckResult.failed(what + ": read: "
                    + ConnectFailure.describe(cause, spec.policy().connectTimeout())));
        }

        private void finish(ChannelHandlerContext ctx, CheckResult outcome) {
            if (result.complete(outcome)) {
                ctx.close();
            }
        }
    }

    private static String printable(String text) {
        String cut = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
