package dev.holdfast.healthcheck.probe;

/** What one HTTP_GET/SSL_GET exchange brought back, or why nothing usable did; judged by the caller. */
public sealed interface HttpOutcome {
    /**
     * @param md5Hex the body's MD5 when it was asked for, else empty
     * @param head the response head up to and including its blank line
     * @param body the start of the body when a regex check asked for it, else empty
     */
    public record Response(int statusCode, long contentLength, long bodyBytes, String md5Hex, byte[] head, byte[] body)
            implements HttpOutcome {
    }

    /** The connection was never established. */
    public record NotConnected(Throwable cause) implements HttpOutcome {
    }

    /** The stream ended before a complete response head (keepalived: "no data received"). */
    public record NoData() implements HttpOutcome {
    }

    /** A read, write, TLS or timeout error; {@code requestSent} tells which side of the request it happened. */
    public record Error(Throwable cause, boolean requestSent) implements HttpOutcome {
    }
}
