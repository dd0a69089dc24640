package dev.holdfast.daemon.observe;

import dev.holdfast.netlink.ffi.LibC;
import dev.holdfast.netlink.ffi.Native;
import java.nio.charset.StandardCharsets;

/**
 * Sends one datagram to an AF_UNIX socket by path ("@name": the abstract namespace), as systemd's notify socket and
 * syslog's /dev/log expect. Java has no AF_UNIX datagram channel, so this goes through jnr-ffi.
 */
final class UnixDatagram {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;

    private UnixDatagram() {
    }

    /** @return null when sent, else the reason (errno text) */
    static String send(String path, byte[] payload) {
        byte[] address = address(path);
        LibC libc = Native.libc();
        int fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return "socket: " + Native.strerror(Native.errno());
        }
        try {
            if (libc.sendto(fd, payload, payload.length, 0, address, address.length) < 0) {
                return Native.strerror(Native.errno());
            }
            return null;
        } finally {
            libc.close(fd);
        }
    }

    /** struct sockaddr_un for the path; "@x" is the abstract name "\0x" (its length counts, no trailing NUL). */
    static byte[] address(String path) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = path.startsWith("@");
        byte[] out = new byte[2 + name.length + (abstractName ? 0 : 1)];
        out[0] = (byte) AF_UNIX; // sa_family_t, little-endian on every Linux holdfast runs on
        System.arraycopy(name, 0, out, 2, name.length);
        if (abstractName) {
            out[2] = 0;
        }
        return out;
    }
}
