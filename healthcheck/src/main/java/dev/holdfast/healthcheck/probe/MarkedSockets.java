package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.spec.Connection;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;

/**
 * The socket options Java's sockets lack, for checkers with fwmark (SO_MARK) or bind_if (SO_BINDTODEVICE), set
 * through libc on an epoll socket's descriptor. Those sockets live on one epoll loop of their own, started on
 * first use; results go back to the checker loop like every probe's.
 */
final class MarkedSockets {
    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    private static final int SO_MARK = 36;

    private MarkedSockets() {
    }

    /** The libc calls used here. */
    public interface Libc {
        int setsockopt(int fd, int level, int name, @In byte[] value, int valueLength);

        String strerror(int errno);
    }

    private static final class Holder {
        static final Libc LIBC = LibraryLoader.create(Libc.class).load("c");
        static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);
        static final EventLoopGroup LOOP = new EpollEventLoopGroup(1,
                new DefaultThreadFactory("holdfast-marked-checks", true));
    }

    static EventLoopGroup loop() {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("fwmark and bind_if need Netty's epoll transport, which cannot load here: "
                    + Epoll.unavailabilityCause());
        }
        return Holder.LOOP;
    }

    /** Sets SO_MARK and SO_BINDTODEVICE as {@code connection} asks; the message names the option and errno. */
    static void apply(int fd, Connection connection) throws IOException {
        if (connection.fwmark().isPresent()) {
            int mark = (int) connection.fwmark().getAsLong();
            byte[] value = {(byte) mark, (byte) (mark >>> 8), (byte) (mark >>> 16), (byte) (mark >>> 24)};
            if (java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.BIG_ENDIAN) {
                value = new byte[] {(byte) (mark >>> 24), (byte) (mark >>> 16), (byte) (mark >>> 8), (byte) mark};
            }
            set(fd, SO_MARK, value, "fwmark " + Integer.toUnsignedString(mark));
        }
        if (connection.bindInterface().isPresent()) {
            String name = connection.bindInterface().get();
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            byte[] value = java.util.Arrays.copyOf(bytes, bytes.length + 1);
            set(fd, SO_BINDTODEVICE, value, "bind_if " + name);
        }
    }

    private static void set(int fd, int option, byte[] value, String what) throws IOException {
        if (Holder.LIBC.setsockopt(fd, SOL_SOCKET, option, value, value.length) != 0) {
            int errno = Holder.RUNTIME.getLastError();
            throw new IOException(what + ": " + Holder.LIBC.strerror(errno));
        }
    }
}
