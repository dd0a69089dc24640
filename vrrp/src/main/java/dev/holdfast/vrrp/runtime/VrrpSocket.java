package dev.holdfast.vrrp.runtime;

import static dev.holdfast.vrrp.runtime.Libc.AF_INET;
import static dev.holdfast.vrrp.runtime.Libc.IPPROTO_IP;
import static dev.holdfast.vrrp.runtime.Libc.SOCK_CLOEXEC;
import static dev.holdfast.vrrp.runtime.Libc.SOCK_RAW;
import static dev.holdfast.vrrp.runtime.Libc.SOL_SOCKET;

import dev.holdfast.netlink.ffi.LibC;
import dev.holdfast.netlink.ffi.Native;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import jnr.ffi.byref.IntByReference;

/**
 * One IPv4 raw socket of protocol VRRP (112) or AH (51) bound to one interface, as keepalived opens them:
 * IP_HDRINCL (the encoder builds the whole datagram, TTL 255 included), multicast loop off (a router must
 * not hear itself), multicast sent out of the bound interface. Received datagrams keep their IP header, so
 * the decoder sees the TTL. Receiving waits at most {@link #RECEIVE_TIMEOUT_MILLIS} so the receive thread
 * notices a stop. Sending and receiving may happen on different threads; close only once both are done.
 */
final class VrrpSocket implements AutoCloseable {
    static final int IPPROTO_VRRP = 112;
    static final int IPPROTO_AH = 51;
    static final long RECEIVE_TIMEOUT_MILLIS = 200;
    private static final int MAX_DATAGRAM = 65535;

    private final LibC libc = Libc.libc();
    private final int fd;
    private final String interfaceName;
    private final int interfaceIndex;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final byte[] peer = new byte[16];
    private volatile boolean closed;

    private VrrpSocket(int fd, String interfaceName, int interfaceIndex) {
        this.fd = fd;
        this.interfaceName = interfaceName;
        this.interfaceIndex = interfaceIndex;
    }

    static VrrpSocket open(String interfaceName, int interfaceIndex, int protocol) {
        LibC libc = Libc.libc();
        int fd = libc.socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            throw Libc.failure("socket(AF_INET, SOCK_RAW, " + protocol + ")");
        }
        VrrpSocket s = new VrrpSocket(fd, interfaceName, interfaceIndex);
        try {
            byte[] name = (interfaceName + "\0").getBytes(StandardCharsets.US_ASCII);
            Libc.setBytes(fd, SOL_SOCKET, Libc.SO_BINDTODEVICE, name, "SO_BINDTODEVICE " + interfaceName);
            Libc.setInt(fd, IPPROTO_IP, Libc.IP_HDRINCL, 1, "IP_HDRINCL");
            Libc.setInt(fd, IPPROTO_IP, Libc.IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
            Libc.setBytes(fd, IPPROTO_IP, Libc.IP_MULTICAST_IF, Libc.ipMreqn(new byte[4], interfaceIndex),
                    "IP_MULTICAST_IF " + interfaceName);
            Libc.receiveTimeout(fd, RECEIVE_TIMEOUT_MILLIS);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** IP_ADD_MEMBERSHIP of the advert group on this socket's interface. */
    void join(Inet4Address group) {
        Libc.setBytes(fd, IPPROTO_IP, Libc.IP_ADD_MEMBERSHIP, Libc.ipMreqn(group.getAddress(), interfaceIndex),
                "IP_ADD_MEMBERSHIP " + group.getHostAddress() + " on " + interfaceName);
    }

    /** Sends one whole IPv4 datagram (header included) to {@code destination}. */
    void send(byte[] datagram, Inet4Address destination) {
        byte[] to = Libc.sockaddrIn(destination.getAddress());
        while (true) {
            long n = libc.sendto(fd, datagram, datagram.length, 0, to, to.length);
            if (n >= 0) {
                return;
            }
            int errno = Native.errno();
            if (errno != Libc.EINTR) {
                throw Native.failure("sendto " + destination.getHostAddress() + " on " + interfaceName, errno, null);
            }
        }
    }

    /** One datagram with its IP header, or null when the receive timeout passed. */
    byte[] receive() {
        receiveBuffer.clear();
        IntByReference peerLength = new IntByReference(peer.length);
        long n = libc.recvfrom(fd, receiveBuffer, MAX_DATAGRAM, 0, peer, peerLength);
        if (n < 0) {
            int errno = Native.errno();
            if (errno == Libc.EAGAIN || errno == Libc.EINTR) {
                return null;
            }
            throw Native.failure("recvfrom on " + interfaceName, errno, null);
        }
        byte[] out = new byte[(int) n];
        receiveBuffer.get(0, out);
        return out;
    }

    String interfaceName() {
        return interfaceName;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
