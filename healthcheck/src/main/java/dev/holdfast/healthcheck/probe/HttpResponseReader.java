package dev.holdfast.healthcheck.probe;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Consumer;

/**
 * Sends the request once connected, then reads the response to the end of the stream as keepalived does: the
 * head up to the blank line, then the body streamed into MD5 when a digest is wanted (only up to Content-Length
 * when the server sent one), never holding the body in memory. Hands one {@link HttpOutcome} to its consumer and closes the channel.
 */
final class HttpResponseReader extends ChannelInboundHandlerAdapter {
    /** A head this large is not a health-check answer; keepalived's buffer is smaller still. */
    static final int MAX_HEAD = 64 * 1024;

    /** How much body a regex check looks at; health pages are small and the check must stay cheap. */
    static final int MAX_REGEX_BODY = 1024 * 1024;

    private final byte[] request;
    private final Consumer<HttpOutcome> done;
    /** sees each digested body chunk (genhash --verbose), or null */
    private final Consumer<byte[]> bodyTap;
    /** body kept for a regex check, or null when no check needs it */
    private final ByteArrayOutputStream body;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final MessageDigest md5;
    private boolean headComplete;
    /** the last four bytes of the head, to spot the blank line without rescanning */
    private int lastFour;
    private int statusCode;
    private byte[] headBytes;
    private long contentLength = -1;
    private long bodyBytes;
    private boolean finished;

    /**
     * @param digest  compute the body's MD5 (a url with a digest, genhash); without it, as in keepalived, the
     *                body is only counted and {@link HttpOutcome.Response#md5Hex()} is empty
     * @param bodyTap sees every digested body chunk in order, or null
     */
    HttpResponseReader(byte[] request, boolean keepBody, boolean digest, Consumer<byte[]> bodyTap,
                       Consumer<HttpOutcome> done) {
        this.request = request;
        this.done = done;
        this.bodyTap = bodyTap;
        this.body = keepBody ? new ByteArrayOutputStream() : null;
        try {
            this.md5 = digest ? MessageDigest.getInstance("MD5") : null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime ships MD5", e);
        }
    }

    private boolean requestSent;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(ctx.alloc().buffer(request.length).writeBytes(request)).addListener(f -> {
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
            if (finished) {
                return;
            }
            if (!headComplete) {
                readHead(ctx, buf);
            }
            if (headComplete && buf.isReadable()) {
                digest(buf);
            }
        } finally {
            buf.release();
        }
    }

    private void readHead(ChannelHandlerContext ctx, ByteBuf buf) {
        while (buf.isReadable() && !headComplete) {
            byte b = buf.readByte();
            head.write(b);
            lastFour = (lastFour << 8) | (b & 0xff);
            if (lastFour == 0x0d0a0d0a) {
                headComplete = true;
                headBytes = head.toByteArray();
                statusCode = StatusLine.code(headBytes, headBytes.length);
                contentLength = StatusLine.contentLength(new String(headBytes, StandardCharsets.ISO_8859_1));
            } else if (head.size() > MAX_HEAD) {
                finish(ctx, new HttpOutcome.Error(new java.io.IOException("response head larger than "
                        + MAX_HEAD + " bytes"), true));
                return;
            }
        }
    }

    private void digest(ByteBuf buf) {
        int readable = buf.readableBytes();
        int take = readable;
        if (contentLength >= 0) {
            take = (int) Math.max(0, Math.min(readable, contentLength - bodyBytes));
        }
        if (take > 0) {
            // straight from the buffer: a large body costs no garbage
            if (md5 != null) {
                md5.update(buf.nioBuffer(buf.readerIndex(), take));
            }
            if (bodyTap != null || (body != null && body.size() < MAX_REGEX_BODY)) {
                byte[] chunk = new byte[take];
                buf.getBytes(buf.readerIndex(), chunk);
                if (bodyTap != null) {
                    bodyTap.accept(chunk);
                }
                if (body != null && body.size() < MAX_REGEX_BODY) {
                    body.write(chunk, 0, Math.min(chunk.length, MAX_REGEX_BODY - body.size()));
                }
            }
        }
        bodyBytes += readable;
        buf.skipBytes(readable);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (headComplete) {
            finish(ctx, new HttpOutcome.Response(statusCode, contentLength, bodyBytes,
                    md5 == null ? "" : java.util.HexFormat.of().formatHex(md5.digest()), headBytes, body == null ? new byte[0] : body.toByteArray()));
        } else {
            finish(ctx, new HttpOutcome.NoData());
        }
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
