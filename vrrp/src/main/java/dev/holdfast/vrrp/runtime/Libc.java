package dev.holdfast.vrrp.runtime;

import dev.holdfast.netlink.NetlinkException;
import dev.holdfast.netlink.ffi.LibC;
import dev.holdfast.netlink.ffi.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The socket constants and small struct encoders the VRRP sockets need (Linux, x86-64/arm64 values). */
final class Libc {
    static final int AF_INET = 2;
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_RCVBUF = 8;
    static final int IPPROTO_IP = 0;
    static final int IP_HDRINCL = 3;
    static final int IP_MULTICAST_IF = 32;
    static final int IP_MULTICAST_TTL = 33;
    static final int IP_MULTICAST_LOOP = 34;
    static final int IP_ADD_MEMBERSHIP = 35;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ETH_P_ARP = 0x0806;

    private Libc() {
    }

    static LibC libc() {
        return Native.libc();
    }

    static void check(int result, String operation) {
        if (result < 0) {
            throw Native.failure(operation);
        }
    }

    static void setInt(int fd, int level, int option, int value, String name) {
        byte[] v = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
        check(libc().setsockopt(fd, level, option, v, 4), "setsockopt " + name);
    }

    static void setBytes(int fd, int level, int option, byte[] value, String name) {
        check(libc().setsockopt(fd, level, option, value, value.length), "setsockopt " + name);
    }

    static void receiveTimeout(int fd, long millis) {
        ByteBuffer timeval = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        timeval.putLong(millis / 1000).putLong((millis % 1000) * 1000);
        setBytes(fd, SOL_SOCKET, SO_RCVTIMEO, timeval.array(), "SO_RCVTIMEO");
    }

    /** struct ip_mreqn: group, local address (any), interface index. */
    static byte[] ipMreqn(byte[] group, int ifindex) {
        return ByteBuffer.allocate(12).order(ByteOrder.nativeOrder())
                .put(group).putInt(0).putInt(ifindex).array();
    }

    /** struct sockaddr_in with port 0. */
    static byte[] sockaddrIn(byte[] address) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                .putShort((short) AF_INET).order(ByteOrder.BIG_ENDIAN).putShort((short) 0).put(address).array();
    }

    /** struct sockaddr_ll for sending to {@code destination} (6-byte MAC) out of interface {@code ifindex}. */
    static byte[] sockaddrLl(int protocol, int ifindex, byte[] destination) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putShort((short) AF_PACKET);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) protocol).order(ByteOrder.nativeOrder());
        b.putInt(ifindex);
        b.putShort((short) 1); // ARPHRD_ETHER
        b.put((byte) 0);
        b.put((byte) destination.length);
        b.put(destination);
        return b.array();
    }

    static NetlinkException failure(String operation) {
        return Native.failure(operation);
    }
}
