package dev.holdfast.healthcheck.socket;

import jnr.ffi.LibraryLoader;

/** libc, loaded once, with the Linux constants the loop uses and errno as text. */
final class Sys {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_ERROR = 4;
    static final int MSG_NOSIGNAL = 0x4000;

    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    static final int EPOLLIN = 0x001;
    static final int EPOLLOUT = 0x004;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    static final int EPOLLRDHUP = 0x2000;
    static final int EPOLLET = 1 << 31;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EINPROGRESS = 115;

    /** struct epoll_event is packed on x86-64 (12 bytes), naturally aligned elsewhere (16). */
    static final int EPOLL_EVENT_SIZE = "amd64".equals(System.getProperty("os.arch"))
            || "x86_64".equals(System.getProperty("os.arch")) ? 12 : 16;

    static final Libc LIBC = load();
    private static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);

    private Sys() {
    }

    /**
     * glibc by its soname first: asking jnr-ffi for "c" makes it scan every library directory, slow over the lab
     * VM's shared filesystem.
     */
    private static Libc load() {
        try {
            return LibraryLoader.create(Libc.class).failImmediately().load("libc.so.6");
        } catch (UnsatisfiedLinkError e) {
            return LibraryLoader.create(Libc.class).load("c");
        }
    }

    static int errno() {
        return RUNTIME.getLastError();
    }

    static String strerror(int errno) {
        String text = LIBC.strerror(errno);
        return text == null ? "errno " + errno : text;
    }
}
