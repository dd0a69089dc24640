package dev.holdfast.netlink.ffi;

import java.nio.ByteBuffer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc functions holdfast calls, declared as in the man pages. Small buffers are byte arrays and
 * {@code @In}/{@code @Out} tell jnr-ffi which way to copy; the receive buffer is a direct ByteBuffer so a
 * large buffer is not copied on every call.
 */
public interface LibC {
    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int bind(int fd, @In byte[] address, int addressLength);

    @SaveError
    int setsockopt(int fd, int level, int name, @In byte[] value, int valueLength);

    @SaveError
    int getsockopt(int fd, int level, int name, @Out byte[] value, IntByReference valueLength);

    @SaveError
    @ssize_t
    long sendto(int fd, @In byte[] buffer, @size_t long length, int flags, @In byte[] address, int addressLength);

    @SaveError
    @ssize_t
    long recvfrom(int fd, @Out ByteBuffer buffer, @size_t long length, int flags, @Out byte[] address,
                  IntByReference addressLength);

    @SaveError
    int close(int fd);

    @SaveError
    int getsockname(int fd, @Out byte[] address, IntByReference addressLength);

    @SaveError
    int if_nametoindex(String name);

    String strerror(int errno);

    /** signal(2), only ever with SIG_IGN (1) or SIG_DFL (0): a Java method cannot be a signal handler. */
    long signal(int signum, long handler);

    /** glibc's SIGRTMIN (the first real-time signal left to applications, 34 with NPTL). */
    int __libc_current_sigrtmin();

    /** glibc's SIGRTMAX. */
    int __libc_current_sigrtmax();
}
