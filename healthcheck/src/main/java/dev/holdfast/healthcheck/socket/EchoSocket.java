package dev.holdfast.healthcheck.socket;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * ICMP echo (PING_CHECK) on a non-blocking socket connected to its target, so the kernel hands it only that host's
 * packets: an unprivileged ICMP datagram socket where net.ipv4.ping_group_range allows it (the kernel then keeps
 * the identifier and the checksum), else a raw socket (root). Requests are built and replies recognised here; the
 * descriptor is the caller's to close.
 */
public final class EchoSocket {
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_RAW = 3;
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final byte[] PAYLOAD = "holdfast checker".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final int fd;
    private final boolean v6;
    private final boolean raw;

    private EchoSocket(int fd, boolean v6, boolean raw) {
        this.fd = fd;
        this.v6 = v6;
        this.raw = raw;
    }

    /** Opens, sets {@code options}, binds (unless {@code bindTo} is null) and connects to {@code target}. */
    public static EchoSocket open(int family, byte[] target, byte[] bindTo, StreamSocket.Options options)
            throws IOException {
        return open(family, target, bindTo, options, true);
    }

    /** The same, with or without trying a datagram socket first (tests take the raw way on purpose). */
    static EchoSocket open(int family, byte[] target, byte[] bindTo, StreamSocket.Options options,
                           boolean datagramFirst) throws IOException {
        Libc libc = Sys.LIBC;
        boolean v6 = family == Sys.AF_INET6;
        int protocol = v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
        boolean raw = !datagramFirst;
        int fd = datagramFirst ? libc.socket(family, SOCK_DGRAM | Sys.SOCK_NONBLOCK | Sys.SOCK_CLOEXEC, protocol)
                : -1;
        if (fd < 0 && (!datagramFirst || Sys.errno() == EACCES || Sys.errno() == EPERM)) {
            raw = true;
            fd = libc.socket(family, SOCK_RAW | Sys.SOCK_NONBLOCK | Sys.SOCK_CLOEXEC, protocol);
        }
        if (fd < 0) {
            throw new IOException("ICMP socket: " + Sys.strerror(Sys.errno()));
        }
        try {
            if (options != null) {
                options.apply(fd);
            }
            if (bindTo != null && libc.bind(fd, bindTo, bindTo.length) != 0) {
                throw new IOException("bind: " + Sys.strerror(Sys.errno()));
            }
            if (libc.connect(fd, target, target.length) != 0) {
                throw new IOException(Sys.strerror(Sys.errno()));
            }
            return new EchoSocket(fd, v6, raw);
        } catch (IOException | RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    public int fd() {
        return fd;
    }

    /** Sends echo request {@code sequence} with identifier {@code id} (a datagram socket's kernel sets its own). */
    public void send(int id, int sequence) throws IOException {
        ByteBuffer packet = ByteBuffer.allocateDirect(8 + PAYLOAD.length);
        packet.put(0, (byte) (v6 ? 128 : 8)).put(1, (byte) 0).putShort(2, (short) 0)
                .putShort(4, (short) id).putShort(6, (short) sequence).put(8, PAYLOAD);
        if (!v6) {
            packet.putShort(2, (short) checksum(packet, packet.capacity()));
        }
        if (StreamSocket.send(fd, packet) == StreamSocket.AGAIN) {
            throw new IOException("no room to send the echo request");
        }
    }

    /**
     * Reads what has arrived; true once one of the packets is the echo reply to {@code sequence} (and, on a raw
     * socket, {@code id}), false when nothing more is waiting.
     *
     * @throws IOException an error the kernel reported for the socket (an ICMP unreachable on a datagram socket)
     */
    public boolean replied(int id, int sequence, ByteBuffer buffer) throws IOException {
        while (true) {
            buffer.clear();
            int got = StreamSocket.receive(fd, buffer);
            if (got == StreamSocket.AGAIN || got == StreamSocket.END) {
                return false;
            }
            if (isReply(buffer, got, id, sequence)) {
                return true;
            }
        }
    }

    boolean isReply(ByteBuffer packet, int length, int id, int sequence) {
        // a raw IPv4 socket sees the IP header first; IPv6 and datagram sockets do not
        int at = raw && !v6 ? (packet.get(0) & 0x0f) * 4 : 0;
        if (length < at + 8 + PAYLOAD.length) {
            return false;
        }
        int type = packet.get(at) & 0xff;
        if (type != (v6 ? 129 : 0) || packet.get(at + 1) != 0) {
            return false;
        }
        if (raw && (packet.getShort(at + 4) & 0xffff) != (id & 0xffff)) {
            return false;
        }
        if ((packet.getShort(at + 6) & 0xffff) != (sequence & 0xffff)) {
            return false;
        }
        for (int i = 0; i < PAYLOAD.length; i++) {
            if (packet.get(at + 8 + i) != PAYLOAD[i]) {
                return false;
            }
        }
        return true;
    }

    /** The Internet checksum (RFC 1071) of the first {@code length} bytes. */
    static int checksum(ByteBuffer data, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((data.get(i) & 0xff) << 8) | (data.get(i + 1) & 0xff);
        }
        if ((length & 1) != 0) {
            sum += (data.get(length - 1) & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    public void close() {
        Sys.LIBC.close(fd);
    }
}
