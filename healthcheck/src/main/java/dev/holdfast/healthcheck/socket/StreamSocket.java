package dev.holdfast.healthcheck.socket;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;

/**
 * A non-blocking TCP socket's system calls, each failure an exception carrying strerror's text. The descriptor is
 * the caller's to close.
 */
public final class StreamSocket {
    /** Sets socket options (SO_MARK, SO_BINDTODEVICE) on a fresh descriptor. */
    public interface Options {
        void apply(int fd) throws IOException;
    }

    /** A non-blocking read reached the end of the stream. */
    public static final int END = -1;
    /** A non-blocking call would have had to wait. */
    public static final int AGAIN = -2;

    private StreamSocket() {
    }

    /**
     * Opens a socket of {@code family}, applies {@code options}, binds to {@code bindTo} (or not, when null) and
     * starts connecting to {@code target}.
     *
     * @return the descriptor; the connection completes later (epoll says writable) or has already
     */
    public static int connect(int family, byte[] target, byte[] bindTo, Options options) throws IOException {
        Libc libc = Sys.LIBC;
        int fd = libc.socket(family, Sys.SOCK_STREAM | Sys.SOCK_NONBLOCK | Sys.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("socket: " + Sys.strerror(Sys.errno()));
        }
        try {
            if (options != null) {
                options.apply(fd);
            }
            if (bindTo != null && libc.bind(fd, bindTo, bindTo.length) != 0) {
                throw new IOException("bind: " + Sys.strerror(Sys.errno()));
            }
            if (libc.connect(fd, target, target.length) != 0) {
                int errno = Sys.errno();
                if (errno != Sys.EINPROGRESS && errno != Sys.EINTR) {
                    throw new ConnectException(Sys.strerror(errno));
                }
            }
            return fd;
        } catch (IOException | RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    /** ECONNRESET: the connection was made, then reset (by the peer) before it was used. */
    public static final int CONNECTION_RESET = 104;

    /** The socket's pending error (SO_ERROR), after epoll reported one; 0 if none. */
    public static int pendingError(int fd) {
        byte[] value = new byte[4];
        jnr.ffi.byref.IntByReference length = new jnr.ffi.byref.IntByReference(4);
        if (Sys.LIBC.getsockopt(fd, Sys.SOL_SOCKET, Sys.SO_ERROR, value, length) != 0) {
            return Sys.errno();
        }
        return (value[0] & 0xff) | (value[1] & 0xff) << 8 | (value[2] & 0xff) << 16 | (value[3] & 0xff) << 24;
    }

    /** A connect failure with errno {@code errno} (from {@link #pendingError}), in strerror's words. */
    public static ConnectException connectFailure(int errno) {
        return new ConnectException(errno == 0 ? "connection failed" : Sys.strerror(errno));
    }

    /** An I/O failure with errno {@code errno}, in strerror's words. */
    public static IOException failure(int errno) {
        return new IOException(Sys.strerror(errno));
    }

    /** Sends the remaining bytes of {@code data} (a direct buffer); returns how many went, or {@link #AGAIN}. */
    public static int send(int fd, ByteBuffer data) throws IOException {
        // the kernel is given the buffer's address: a partly sent buffer goes on from a slice at its position
        long sent = Sys.LIBC.send(fd, data.position() == 0 ? data : data.slice(), data.remaining(),
                Sys.MSG_NOSIGNAL);
        if (sent < 0) {
            int errno = Sys.errno();
            if (errno == Sys.EAGAIN || errno == Sys.EINTR) {
                return AGAIN;
            }
            throw new IOException(Sys.strerror(errno));
        }
        data.position(data.position() + (int) sent);
        return (int) sent;
    }

    /**
     * Reads into {@code into} (a direct buffer, from position 0 to its limit); returns the byte count (the buffer
     * then holds them from 0), {@link #END} or {@link #AGAIN}.
     */
    public static int receive(int fd, ByteBuffer into) throws IOException {
        long got = Sys.LIBC.recv(fd, into, into.limit(), 0);
        if (got < 0) {
            int errno = Sys.errno();
            if (errno == Sys.EAGAIN || errno == Sys.EINTR) {
                return AGAIN;
            }
            throw new IOException(Sys.strerror(errno));
        }
        if (got == 0) {
            return END;
        }
        into.position(0).limit((int) got);
        return (int) got;
    }

    public static void close(int fd) {
        Sys.LIBC.close(fd);
    }
}
