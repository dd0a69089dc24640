package dev.holdfast.healthcheck.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * keepalived's reading of an HTTP response, fed the bytes as they come, whatever carries them: the head up to the
 * blank line (which must come within {@link #MAX_HEAD} + 1 bytes), then the body counted, and streamed into MD5
 * when a digest is wanted (only up to Content-Length when the server sent one), never held in memory beyond what a
 * regex check looks at. One parser per exchange.
 */
final class HttpResponseParser {
    /** A head this large is not a health-check answer; keepalived's buffer is smaller still. */
    static final int MAX_HEAD = 64 * 1024;

    /** How much body a regex check looks at; health pages are small and the check must stay cheap. */
    static final int MAX_REGEX_BODY = 1024 * 1024;

    private static final byte[] NO_BODY = new byte[0];
    private static final int BLANK_LINE = 0x0d0a0d0a;

    /** sees each digested body chunk (genhash --verbose), or null */
    private final Consumer<byte[]> bodyTap;
    /** body kept for a regex check, or null when no check needs it */
    private final ByteArrayOutputStream body;
    private final MessageDigest md5;
    /** the head read so far (its first headLength bytes) when it came in pieces; dropped once complete */
    private byte[] head;
    private int headLength;
    private boolean headComplete;
    /** the last four bytes of the head, to spot the blank line without rescanning */
    private int lastFour;
    private int statusCode;
    private byte[] headBytes;
    private long contentLength = -1;
    private long bodyBytes;

    /**
     * @param keepBody keep the body's start for a regex check
     * @param digest  compute the body's MD5 (a url with a digest, genhash); without it, as in keepalived, the
     *                body is only counted and {@link HttpOutcome.Response#md5Hex()} is empty
     * @param bodyTap sees every digested body chunk in order, or null
     */
    HttpResponseParser(boolean keepBody, boolean digest, Consumer<byte[]> bodyTap) {
        this.bodyTap = bodyTap;
        this.body = keepBody ? new ByteArrayOutputStream() : null;
        try {
            this.md5 = digest ? MessageDigest.getInstance("MD5") : null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime ships MD5", e);
        }
    }

    /**
     * Takes every remaining byte of {@code bytes}.
     *
     * @throws IOException when the head grows past its limit without its blank line (the exchange fails)
     */
    void feed(ByteBuffer bytes) throws IOException {
        if (!headComplete) {
            readHead(bytes);
        }
        if (headComplete && bytes.hasRemaining()) {
            digest(bytes);
        }
    }

    private void readHead(ByteBuffer buf) throws IOException {
        // scan for the blank line without copying byte by byte, then take what belongs to the head in one copy
        int from = buf.position();
        int end = buf.limit();
        int limit = Math.min(end, from + (MAX_HEAD + 1 - headLength));
        int i = from;
        int four = lastFour;
        while (i < limit && four != BLANK_LINE) {
            four = (four << 8) | (buf.get(i++) & 0xff);
        }
        lastFour = four;
        int take = i - from;
        if (four == BLANK_LINE && headLength == 0) {
            // the usual case: the whole head in one read, copied once
            headBytes = new byte[take];
            buf.get(headBytes);
            headLength = take;
        } else {
            if (head == null || headLength + take > head.length) {
                head = Arrays.copyOf(head == null ? new byte[0] : head, Math.max(headLength + take,
                        head == null ? 256 : head.length * 2));
            }
            buf.get(head, headLength, take);
            headLength += take;
            if (four == BLANK_LINE) {
                headBytes = Arrays.copyOf(head, headLength);
            }
        }
        if (four == BLANK_LINE) {
            headComplete = true;
            head = null;
            statusCode = StatusLine.code(headBytes, headBytes.length);
            contentLength = StatusLine.contentLength(headBytes);
        } else if (headLength > MAX_HEAD) {
            throw new IOException("response head larger than " + MAX_HEAD + " bytes");
        }
    }

    private void digest(ByteBuffer buf) {
        int readable = buf.remaining();
        int take = readable;
        if (contentLength >= 0) {
            take = (int) Math.max(0, Math.min(readable, contentLength - bodyBytes));
        }
        if (take > 0) {
            if (md5 != null) {
                // straight from the buffer: a large body costs no garbage
                md5.update(buf.duplicate().limit(buf.position() + take));
            }
            if (bodyTap != null || (body != null && body.size() < MAX_REGEX_BODY)) {
                byte[] chunk = new byte[take];
                buf.duplicate().get(chunk);
                if (bodyTap != null) {
                    bodyTap.accept(chunk);
                }
                if (body != null && body.size() < MAX_REGEX_BODY) {
                    body.write(chunk, 0, Math.min(chunk.length, MAX_REGEX_BODY - body.size()));
                }
            }
        }
        bodyBytes += readable;
        buf.position(buf.limit());
    }

    /** The outcome once the stream has ended: a response if its head was complete, else "no data". */
    HttpOutcome end() {
        if (!headComplete) {
            return new HttpOutcome.NoData();
        }
        return new HttpOutcome.Response(statusCode, contentLength, bodyBytes,
                md5 == null ? "" : HexFormat.of().formatHex(md5.digest()), headBytes,
                body == null ? NO_BODY : body.toByteArray());
    }
}
