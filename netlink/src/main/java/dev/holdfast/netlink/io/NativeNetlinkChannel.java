package dev.holdfast.netlink.io;

import static dev.holdfast.netlink.NetlinkConstants.AF_NETLINK;
import static dev.holdfast.netlink.NetlinkConstants.EAGAIN;
import static dev.holdfast.netlink.NetlinkConstants.EINTR;
import static dev.holdfast.netlink.NetlinkConstants.ENOBUFS;
import static dev.holdfast.netlink.NetlinkConstants.MSG_DONTWAIT;
import static dev.holdfast.netlink.NetlinkConstants.MSG_TRUNC;
import static dev.holdfast.netlink.NetlinkConstants.NETLINK_CAP_ACK;
import static dev.holdfast.netlink.NetlinkConstants.NETLINK_EXT_ACK;
import static dev.holdfast.netlink.NetlinkConstants.SOCK_CLOEXEC;
import static dev.holdfast.netlink.NetlinkConstants.SOCK_RAW;
import static dev.holdfast.netlink.NetlinkConstants.SOL_NETLINK;
import static dev.holdfast.netlink.NetlinkConstants.SOL_SOCKET;
import static dev.holdfast.netlink.NetlinkConstants.SO_RCVBUF;
import static dev.holdfast.netlink.NetlinkConstants.SO_RCVBUFFORCE;
import static dev.holdfast.netlink.NetlinkConstants.SO_RCVTIMEO;
import static dev.holdfast.netlink.NetlinkConstants.SO_SNDBUF;
import static dev.holdfast.netlink.NetlinkConstants.SO_SNDBUFFORCE;

import dev.holdfast.netlink.NetlinkException;
import dev.holdfast.netlink.ffi.LibC;
import dev.holdfast.netlink.ffi.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.byref.IntByReference;

/** A real AF_NETLINK socket through libc. Not thread-safe: one thread talks to it at a time. */
public final class NativeNetlinkChannel implements NetlinkChannel {
    /** struct sockaddr_nl: family, pad, pid, groups. */
    private static final int SOCKADDR_NL_SIZE = 12;
    /** One kernel datagram: dumps fill at most a few pages per skb, so 256 KiB leaves ample room. */
    private static final int RECEIVE_CHUNK = 256 * 1024;

    private final LibC libc;
    private final int fd;
    private final int portId;
    private final int receiveBufferSize;
    private final int sendBufferSize;
    private final byte[] peer = new byte[SOCKADDR_NL_SIZE];
    private final byte[] kernelAddress = sockaddrNl(0);
    private ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(RECEIVE_CHUNK);
    private boolean closed;

    private NativeNetlinkChannel(LibC libc, int fd, ChannelOptions options) {
        this.libc = libc;
        this.fd = fd;
        check(libc.bind(fd, sockaddrNl(0), SOCKADDR_NL_SIZE), "bind");
        byte[] self = new byte[SOCKADDR_NL_SIZE];
        IntByReference length = new IntByReference(SOCKADDR_NL_SIZE);
        check(libc.getsockname(fd, self, length), "getsockname");
        this.portId = ByteBuffer.wrap(self).order(ByteOrder.nativeOrder()).getInt(4);
        // Both options only improve error reports; kernels older than 4.12 lack EXT_ACK, so failure is fine.
        setInt(SOL_NETLINK, NETLINK_EXT_ACK, 1);
        setInt(SOL_NETLINK, NETLINK_CAP_ACK, 1);
        this.receiveBufferSize = sizeBuffer(SO_RCVBUFFORCE, SO_RCVBUF, options.receiveBuffer());
        this.sendBufferSize = sizeBuffer(SO_SNDBUFFORCE, SO_SNDBUF, options.sendBuffer());
        long millis = options.receiveTimeout().toMillis();
        ByteBuffer timeval = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        timeval.putLong(millis / 1000).putLong((millis % 1000) * 1000);
        check(libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeval.array(), 16), "setsockopt SO_RCVTIMEO");
    }

    /** Opens and binds a netlink socket of the given protocol (e.g. NETLINK_GENERIC). */
    public static NativeNetlinkChannel open(int protocol, ChannelOptions options) {
        LibC libc = Native.libc();
        int fd = libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw Native.failure("socket");
        }
        try {
            return new NativeNetlinkChannel(libc, fd, options);
        } catch (RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    @Override
    public int portId() {
        return portId;
    }

    @Override
    public int receiveBufferSize() {
        return receiveBufferSize;
    }

    @Override
    public int sendBufferSize() {
        return sendBufferSize;
    }

    @Override
    public void send(ByteBuffer datagram) {
        ensureOpen();
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(bytes);
        while (true) {
            long n = libc.sendto(fd, bytes, bytes.length, 0, kernelAddress, SOCKADDR_NL_SIZE);
            if (n >= 0) {
                return;
            }
            int errno = Native.errno();
            if (errno != EINTR) {
                throw Native.failure("sendto", errno, null);
            }
        }
    }

    @Override
    public ByteBuffer receive(boolean wait) {
        ensureOpen();
        while (true) {
            receiveBuffer.clear();
            IntByReference peerLength = new IntByReference(SOCKADDR_NL_SIZE);
            int flags = MSG_TRUNC | (wait ? 0 : MSG_DONTWAIT);
            long n = libc.recvfrom(fd, receiveBuffer, receiveBuffer.capacity(), flags, peer, peerLength);
            if (n < 0) {
                int errno = Native.errno();
                if (errno == EINTR) {
                    continue;
                }
                if (errno == EAGAIN && !wait) {
                    return null;
                }
                if (errno == EAGAIN) {
                    throw new NetlinkException("recvfrom", EAGAIN, "no reply from the kernel before the receive timeout",
                            null);
                }
                if (errno == ENOBUFS) {
                    throw new NetlinkException("recvfrom", ENOBUFS, "netlink receive buffer overrun (ENOBUFS): the kernel "
                            + "dropped replies because the " + receiveBufferSize + "-byte receive buffer was full; "
                            + "send smaller batches or raise SO_RCVBUF", null);
                }
                throw Native.failure("recvfrom", errno, null);
            }
            if (n > receiveBuffer.capacity()) {
                // MSG_TRUNC made recvfrom report the real size; the datagram itself is gone.
                receiveBuffer = ByteBuffer.allocateDirect((int) n);
                throw new NetlinkException("recvfrom", 0, "kernel datagram of " + n + " bytes was truncated to the "
                        + RECEIVE_CHUNK + "-byte receive buffer", null);
            }
            byte[] copy = new byte[(int) n];
            receiveBuffer.get(0, copy);
            return ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }

    private int sizeBuffer(int forceOption, int option, int bytes) {
        // SO_*BUFFORCE ignores net.core.[rw]mem_max but needs CAP_NET_ADMIN; without it, take what we get.
        if (!setInt(SOL_SOCKET, forceOption, bytes)) {
            setInt(SOL_SOCKET, option, bytes);
        }
        return getInt(SOL_SOCKET, option);
    }

    private boolean setInt(int level, int name, int value) {
        byte[] v = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
        return libc.setsockopt(fd, level, name, v, 4) == 0;
    }

    private int getInt(int level, int name) {
        byte[] v = new byte[4];
        IntByReference length = new IntByReference(4);
        check(libc.getsockopt(fd, level, name, v, length), "getsockopt");
        return ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getInt();
    }

    private void ensureOpen() {
        if (closed) {
            throw new NetlinkException("netlink socket", "already closed");
        }
    }

    private static void check(int result, String operation) {
        if (result < 0) {
            throw Native.failure(operation);
        }
    }

    private static byte[] sockaddrNl(int pid) {
        return ByteBuffer.allocate(SOCKADDR_NL_SIZE).order(ByteOrder.nativeOrder())
                .putShort((short) AF_NETLINK).putShort((short) 0).putInt(pid).putInt(0).array();
    }
}
