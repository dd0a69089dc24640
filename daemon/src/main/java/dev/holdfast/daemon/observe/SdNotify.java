package dev.holdfast.daemon.observe;

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
        String failed = UnixDatagram.send(socket, message.getBytes(StandardCharsets.UTF_8));
        if (failed != null) {
            LOG.log(Level.WARNING, "sd_notify " + socket + ": " + failed);
        }
    }
}
