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

    private static final byte[] NO_BODY = new byte[0];

    private final byte[] request;
    private final Consumer<HttpOutcome> done;
    /** sees each digested body chunk (genhash --verbose), or null */
    private final Consumer<byte[]> bodyTap;
    /** body kept for a regex check, or null when no check needs it */
    private final ByteArrayOutputStream body;
    /** the head read so far (its first headLength bytes); dropped once complete */
    private byte[] head = new byte[256];
    private int headLength;
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
        // scan for the blank line without copying byte by byte, then take what belongs to the head in one copy
        int from = buf.readerIndex();
        int end = buf.writerIndex();
        // keepalived's rule kept: the blank line must come within the first MAX_HEAD + 1 bytes
        int limit = Math.min(end, from + (MAX_HEAD + 1 - headLength));
        int i = from;
        int four = lastFour;
        while (i < limit && four != 0x0d0a0d0a) {
            four = (four << 8) | (buf.getByte(i++) & 0xff);
        }
        lastFour = four;
        int take = i - from;
        if (headLength + take > head.length) {
            head = java.util.Arrays.copyOf(head, Math.max(headLength + take, head.length * 2));
        }
        buf.readBytes(head, headLength, take);
        headLength += take;
        if (four == 0x0d0a0d0a) {
            headComplete = true;
            headBytes = java.util.Arrays.copyOf(head, headLength);
            head = null;
            statusCode = StatusLine.code(headBytes, headBytes.length);
            contentLength = StatusLine.contentLength(headBytes);
        } else if (headLength > MAX_HEAD) {
            finish(ctx, new HttpOutcome.Error(new java.io.IOException("response head larger than "
                    + MAX_HEAD + " bytes"), true));
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
                    md5 == null ? "" : java.util.HexFormat.of().formatHex(md5.digest()), headBytes, body == null ? NO_BODY : body.toByteArray()));
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
