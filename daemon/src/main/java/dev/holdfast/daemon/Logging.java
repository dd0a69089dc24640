package dev.holdfast.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.SimpleFormatter;
import dev.holdfast.daemon.observe.SyslogHandler;

/**
 * One line per event on stderr (journald adds its own timestamp when run by systemd), with -D for detail, with -g
 * also to a file, as keepalived's --log-file, and with -S also to syslog.
 */
final class Logging {
    private Logging() {
    }

    /** @param facility syslog facility for -S, null for no syslog */
    static void configure(boolean detail, Path file, Integer facility) throws IOException {
        System.setProperty("java.util.logging.SimpleFormatter.format",
                "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(detail ? java.util.logging.Level.FINE : java.util.logging.Level.INFO);
        if (file != null) {
            FileHandler f = new FileHandler(file.toString(), true);
            root.addHandler(f);
        }
        for (Handler h : root.getHandlers()) {
            h.setLevel(root.getLevel());
            h.setFormatter(new SimpleFormatter());
        }
        if (facility != null) {
            SyslogHandler syslog = new SyslogHandler("/dev/log", facility);
            syslog.setLevel(root.getLevel());
            root.addHandler(syslog);
        }
    }
}
