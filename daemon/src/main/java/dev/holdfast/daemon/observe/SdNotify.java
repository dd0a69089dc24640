package dev.holdfast.daemon.observe;

import dev.holdfast.netlink.ffi.LibC;
import dev.holdfast.netlink.ffi.Native;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * systemd's notify protocol (sd_notify(3)): one datagram per state change to the AF_UNIX socket named by
 * {@code $NOTIFY_SOCKET} (a path, or "@name" in the abstract namespace). Without the variable every call is a
 * no-op, so holdfast runs the same under systemd, another supervisor or a shell.
 */
public final class SdNotify {
    private static final Logger LOG = System.getLogger("holdfast");
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private final String socket;

    private SdNotify(String socket) {
        this.socket = socket;
    }

    public static SdNotify fromEnvironment() {
        return new SdNotify(System.getenv("NOTIFY_SOCKET"));
    }

    /** A notifier for this socket path (null or empty: none). */
    public static SdNotify to(String socket) {
        return new SdNotify(socket);
    }

    public boolean enabled() {
        return socket != null && !socket.isEmpty();
    }

    /** WatchdogSec as systemd passed it ($WATCHDOG_USEC for this pid), if any. */
    public static Optional<Duration> watchdog() {
        String usec = System.getenv("WATCHDOG_USEC");
        String pid = System.getenv("WATCHDOG_PID");
        if (usec == null || (pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid())))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofNanos(Long.parseLong(usec) * 1000));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void ready() {
        send("READY=1\nSTATUS=serving");
    }

    public void reloading() {
        send("RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000);
    }

    public void stopping() {
        send("STOPPING=1");
    }

    public void watchdogPing() {
        send("WATCHDOG=1");
    }

    public void status(String text) {
        send("STATUS=" + text.replace('\n', ' '));
    }

    /** Sends one message; failures are logged, never thrown (a supervisor's socket must not stop the director). */
    public void send(String message) {
        if (!enabled()) {
            return;
        }
        byte[] address = address(socket);
        byte[] payload = message.getBytes(StandardCharsets.UTF_8);
        LibC libc = Native.libc();
        int fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            LOG.log(Level.WARNING, "sd_notify: socket: " + Native.strerror(Native.errno()));
            return;
        }
        try {
            if (libc.sendto(fd, payload, payload.length, 0, address, address.length) < 0) {
                LOG.log(Level.WARNING, "sd_notify " + socket + ": " + Native.strerror(Native.errno()));
            }
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
