package dev.holdfast.daemon.observe;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Log lines to the local syslog socket (/dev/log) in the BSD format ("<PRI>Mmm dd hh:mm:ss holdfast[PID]: text"),
 * with the facility of keepalived's -S: 0-7 (local0-local7), localN, user or daemon.
 */
public final class SyslogHandler extends Handler {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
    private final String socket;
    private final int facility;
    private final long pid = ProcessHandle.current().pid();

    public SyslogHandler(String socket, int facility) {
        this.socket = socket;
        this.facility = facility;
    }

    /**
     * keepalived's -S value as a syslog facility number.
     *
     * @throws IllegalArgumentException naming what is accepted
     */
    public static int facility(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.matches("[0-7]")) {
            return 16 + Integer.parseInt(t);
        }
        if (t.matches("local[0-7]")) {
            return 16 + (t.charAt(5) - '0');
        }
        return switch (t) {
            case "user" -> 1;
            case "daemon" -> 3;
            default -> throw new IllegalArgumentException("expected 0-7, local0-local7, user or daemon");
        };
    }

    static int severity(Level level) {
        int v = level.intValue();
        return v >= Level.SEVERE.intValue() ? 3 : v >= Level.WARNING.intValue() ? 4 : v >= Level.INFO.intValue() ? 6 : 7;
    }

    /** The datagram for one record. */
    String line(LogRecord r) {
        String stamp = ZonedDateTime.ofInstant(r.getInstant(), ZoneId.systemDefault()).format(STAMP);
        String text = r.getMessage() == null ? "" : r.getMessage().replace('\n', ' ');
        return "<" + (facility * 8 + severity(r.getLevel())) + ">" + stamp + " holdfast[" + pid + "]: " + text;
    }

    @Override
    public void publish(LogRecord r) {
        if (isLoggable(r)) {
            UnixDatagram.send(socket, line(r).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
