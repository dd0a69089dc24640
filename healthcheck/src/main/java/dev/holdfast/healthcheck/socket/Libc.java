package dev.holdfast.healthcheck.socket;

import java.nio.ByteBuffer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc calls the socket loop makes, as in their man pages. Buffers the kernel fills or reads in bulk are direct
 * ByteBuffers (passed by address, never copied); small fixed values are arrays.
 */
public interface Libc {
    @SaveError
    int socket(int domain, int type, int protocol);

    @SaveError
    int connect(int fd, @In byte[] address, int addressLength);

    @SaveError
    int bind(int fd, @In byte[] address, int addressLength);

    @SaveError
    int getsockopt(int fd, int level, int name, @Out byte[] value, IntByReference valueLength);

    @SaveError
    @ssize_t
    long send(int fd, @In ByteBuffer buffer, @size_t long length, int flags);

    @SaveError
    @ssize_t
    long recv(int fd, @Out ByteBuffer buffer, @size_t long length, int flags);

    @SaveError
    int close(int fd);

    @SaveError
    int epoll_create1(int flags);

    @SaveError
    int epoll_ctl(int epfd, int op, int fd, @In ByteBuffer event);

    @SaveError
    int epoll_wait(int epfd, @Out ByteBuffer events, int maxEvents, int timeoutMillis);

    @SaveError
    int eventfd(int initialValue, int flags);

    @SaveError
    @ssize_t
    long read(int fd, @Out ByteBuffer buffer, @size_t long length);

    @SaveError
    @ssize_t
    long write(int fd, @In ByteBuffer buffer, @size_t long length);

    String strerror(int errno);
}
