package dev.holdfast.vrrp.runtime;

import dev.holdfast.netlink.ffi.LibC;
import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * Gratuitous ARPs from an AF_PACKET socket, framed as keepalived frames them (vrrp_arp.c): an ARP request
 * broadcast from the interface's MAC, sender and target IP both the VIP, target MAC broadcast. The socket is
 * opened with protocol 0, so it receives nothing.
 */
final class GarpSocket implements AutoCloseable {
    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private final LibC libc = Libc.libc();
    private final int fd;
    private boolean closed;

    private GarpSocket(int fd) {
        this.fd = fd;
    }

    static GarpSocket open() {
        int fd = Libc.libc().socket(Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw Libc.failure("socket(AF_PACKET, SOCK_RAW)");
        }
        return new GarpSocket(fd);
    }

    void send(int ifindex, byte[] mac, Inet4Address vip) {
        byte[] frame = frame(mac, vip);
        byte[] to = Libc.sockaddrLl(Libc.ETH_P_ARP, ifindex, BROADCAST);
        if (libc.sendto(fd, frame, frame.length, 0, to, to.length) < 0) {
            throw Libc.failure("send gratuitous ARP for " + vip.getHostAddress());
        }
    }

    static byte[] frame(byte[] mac, Inet4Address vip) {
        ByteBuffer b = ByteBuffer.allocate(42);
        b.put(BROADCAST).put(mac).putShort((short) Libc.ETH_P_ARP);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        b.put(mac).put(vip.getAddress()).put(BROADCAST).put(vip.getAddress());
        return b.array();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
